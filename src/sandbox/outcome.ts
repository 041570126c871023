/**
 * Turns what happened in a sandbox (supervisor reports, cgroup usage, why we killed it) into Judge0's status,
 * our precise reason and a message. Pure, so every mapping is unit-tested.
 */
import type { CappedCapture } from './capture.ts'
import type { CgroupUsage } from './cgroups.ts'
import type { PhaseReport } from './supervisor/protocol.ts'
import {
  type ExecuteResult,
  type Limits,
  type OutputFile,
  type Reason,
  STATUSES,
  type Status,
} from './types.ts'

export interface RawOutcome {
  stdout: CappedCapture
  stderr: CappedCapture
  compileOutput?: CappedCapture
  compile?: PhaseReport
  run?: PhaseReport
  /** Why the host stopped the run, if it did. */
  killedFor?:
    | 'wall-time-exceeded'
    | 'cpu-time-exceeded'
    | 'output-exceeded'
    | 'compile-time-exceeded'
    | 'aborted'
    | 'internal'
  internalError?: string
  outputFiles: OutputFile[]
  runWallSeconds: number
  /** Cgroup CPU seconds already used when the request arrived (bwrap's set-up). */
  cpuBaseline: number
  usage?: CgroupUsage
}

const SIGNALS: Record<number, string> = {
  6: 'SIGABRT',
  8: 'SIGFPE',
  9: 'SIGKILL',
  11: 'SIGSEGV',
  24: 'SIGXCPU',
  25: 'SIGXFSZ',
}
const ENOEXEC = 8
/**
 * RLIMIT_CPU fires on the kernel's sampled CPU clock, which runs ahead of what rusage and the cgroup report
 * afterwards (measured: SIGXCPU at a 1 s limit with 0.94 s accounted): a failed step that used this share of its
 * CPU limit was stopped by it.
 */
const CPU_LIMIT_SLACK = 0.85

/** Cgroup CPU seconds spent before the run step: the sandbox's set-up and the compiler. */
export function cpuBefore(raw: RawOutcome): number {
  return raw.cpuBaseline + (raw.compile ? raw.compile.userSeconds + raw.compile.systemSeconds : 0)
}

/** The result of a run, given its limits (and the compile step's, when the language compiles). */
export function toResult(raw: RawOutcome, limits: Limits, compileLimits?: Limits): ExecuteResult {
  const verdict = judge(raw, limits, compileLimits)
  // The cgroup sees every process (even orphans nobody waited for); rusage is what RLIMIT_CPU measured: both are
  // lower bounds of the truth, so take the larger.
  const waited = raw.run ? raw.run.userSeconds + raw.run.systemSeconds : 0
  const cpu = Math.max(waited, raw.usage ? raw.usage.cpuSeconds - cpuBefore(raw) : 0)
  return {
    status: verdict.status,
    reason: verdict.reason,
    ...(verdict.message ? { message: verdict.message } : {}),
    stdout: raw.stdout.result(),
    stderr: raw.stderr.result(),
    ...(raw.compileOutput ? { compileOutput: raw.compileOutput.result() } : {}),
    exitCode: raw.run?.kind === 'exit' ? raw.run.value : null,
    signal: raw.run?.kind === 'signal' ? raw.run.value : null,
    time: round(
      // The kernel's CPU clock (RLIMIT_CPU) or ours said the limit was reached: never report less.
      verdict.reason === 'cpu-time-exceeded' ? Math.max(cpu, limits.cpuTime) : cpu,
      3,
    ),
    wallTime: round(raw.runWallSeconds, 3),
    memory: Math.max(raw.usage?.peakMemoryKb ?? 0, raw.run?.maxRssKb ?? 0),
    outputFiles: raw.outputFiles,
  }
}

interface Verdict {
  status: Status
  reason: Reason
  message?: string
}

function judge(raw: RawOutcome, limits: Limits, compileLimits: Limits | undefined): Verdict {
  if (raw.internalError)
    return { status: STATUSES.INTERNAL_ERROR, reason: 'internal-error', message: raw.internalError }
  if (raw.killedFor === 'compile-time-exceeded') {
    const limit = compileLimits ? ` of ${compileLimits.wallTime} s` : ''
    return compileLimitHit('compile-time-exceeded', `the compiler exceeded its wall time limit${limit}`)
  }
  if (raw.compile) {
    const verdict = compileVerdict(raw, raw.compile, compileLimits)
    if (verdict) return verdict
  }
  if (raw.killedFor === 'wall-time-exceeded') {
    return {
      status: STATUSES.TIME_LIMIT_EXCEEDED,
      reason: 'wall-time-exceeded',
      message: `wall time limit of ${limits.wallTime} s exceeded`,
    }
  }
  if (raw.killedFor === 'cpu-time-exceeded') return cpuExceeded(limits)
  if (raw.killedFor === 'output-exceeded') {
    return {
      status: STATUSES.RUNTIME_ERROR_SIGXFSZ,
      reason: 'output-exceeded',
      message: `output limit of ${limits.outputSize} bytes exceeded; the run was stopped`,
    }
  }
  const run = raw.run
  if (!run && raw.runWallSeconds > 0) {
    // The run step started but its supervisor never reported: the program killed it (same uid inside).
    return {
      status: STATUSES.RUNTIME_ERROR_OTHER,
      reason: 'signaled',
      message: 'the program ended the sandbox supervisor, so its exit status is unknown',
    }
  }
  if (!run) {
    return {
      status: STATUSES.INTERNAL_ERROR,
      reason: 'internal-error',
      message: 'the program did not report how it ended',
    }
  }
  if (run.kind === 'exec-error') {
    if (run.value === ENOEXEC) {
      return {
        status: STATUSES.EXEC_FORMAT_ERROR,
        reason: 'internal-error',
        message: `cannot execute the program (errno ${run.value})`,
      }
    }
    return {
      status: STATUSES.INTERNAL_ERROR,
      reason: 'internal-error',
      message: `cannot start the program (errno ${run.value})`,
    }
  }
  const oom = raw.usage?.oomKilled === true
  const memoryMessage = `memory limit of ${limits.memory} KB exceeded`
  if (run.kind === 'signal') {
    if (run.value === 24) return cpuExceeded(limits)
    if (oom) return { status: signalStatus(run.value), reason: 'memory-exceeded', message: memoryMessage }
    if (run.value === 25) {
      return {
        status: STATUSES.RUNTIME_ERROR_SIGXFSZ,
        reason: 'file-size-exceeded',
        message: `file size limit of ${limits.fileSize} KB exceeded`,
      }
    }
    return {
      status: signalStatus(run.value),
      reason: 'signaled',
      message: `killed by ${signalName(run.value)}`,
    }
  }
  if (run.value !== 0) {
    if (oom) return { status: STATUSES.RUNTIME_ERROR_NZEC, reason: 'memory-exceeded', message: memoryMessage }
    if (raw.usage?.pidsLimitHit) {
      return {
        status: STATUSES.RUNTIME_ERROR_NZEC,
        reason: 'process-limit-exceeded',
        message: `process limit of ${limits.processes} reached`,
      }
    }
    return {
      status: STATUSES.RUNTIME_ERROR_NZEC,
      reason: 'nonzero-exit',
      message: `exited with code ${run.value}`,
    }
  }
  return { status: STATUSES.ACCEPTED, reason: 'ok' }
}

/**
 * Why the compile step failed, if it did. A compiler stopped by one of its limits is not a compile error in the
 * program: the reason and message say which limit (Judge0 reports every compile failure as status 6, so do we).
 */
function compileVerdict(
  raw: RawOutcome,
  compile: PhaseReport,
  limits: Limits | undefined,
): Verdict | undefined {
  if (compile.kind === 'exec-error') {
    return {
      status: STATUSES.INTERNAL_ERROR,
      reason: 'internal-error',
      message: `cannot start the compiler (errno ${compile.value})`,
    }
  }
  if (compile.kind === 'exit' && compile.value === 0) return undefined
  // rusage counts the compiler and the children it waited for (cc1 under gcc); the cgroup counts everything.
  const cpu = Math.max(
    compile.userSeconds + compile.systemSeconds,
    raw.usage ? raw.usage.cpuSeconds - raw.cpuBaseline : 0,
  )
  const signaled = compile.kind === 'signal' ? compile.value : undefined
  // SIGXCPU at RLIMIT_CPU's soft limit, SIGKILL at its hard limit a second later, or a compiler driver that
  // exits with an error after its cc1 was stopped so: in every case the step used its whole CPU allowance.
  if (signaled === 24 || (limits !== undefined && cpu >= limits.cpuTime * CPU_LIMIT_SLACK)) {
    const limit = limits ? ` of ${limits.cpuTime} s` : ''
    return compileLimitHit('compile-time-exceeded', `the compiler exceeded its CPU time limit${limit}`)
  }
  // No run step happened, so the cgroup's OOM kill was the compiler's (a driver like gcc may exit 1 after it).
  if (raw.usage?.oomKilled === true) {
    const limit = limits ? ` of ${limits.memory} KB` : ''
    return compileLimitHit('memory-exceeded', `the compiler exceeded its memory limit${limit}`)
  }
  if (signaled === 25) {
    const limit = limits ? ` of ${limits.fileSize} KB` : ''
    return compileLimitHit('file-size-exceeded', `the compiler exceeded its file size limit${limit}`)
  }
  const how =
    signaled === undefined ? `exited with ${compile.value}` : `was killed by ${signalName(signaled)}`
  return { status: STATUSES.COMPILATION_ERROR, reason: 'compile-failed', message: `the compiler ${how}` }
}

function compileLimitHit(reason: Reason, message: string): Verdict {
  return { status: STATUSES.COMPILATION_ERROR, reason, message }
}

function cpuExceeded(limits: Limits): Verdict {
  return {
    status: STATUSES.TIME_LIMIT_EXCEEDED,
    reason: 'cpu-time-exceeded',
    message: `CPU time limit of ${limits.cpuTime} s exceeded`,
  }
}

/** Judge0's mapping of a terminating signal to a status. */
export function signalStatus(signal: number): Status {
  switch (signal) {
    case 11:
      return STATUSES.RUNTIME_ERROR_SIGSEGV
    case 25:
      return STATUSES.RUNTIME_ERROR_SIGXFSZ
    case 8:
      return STATUSES.RUNTIME_ERROR_SIGFPE
    case 6:
      return STATUSES.RUNTIME_ERROR_SIGABRT
    default:
      return STATUSES.RUNTIME_ERROR_OTHER
  }
}

function signalName(signal: number): string {
  return SIGNALS[signal] ?? `signal ${signal}`
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}
