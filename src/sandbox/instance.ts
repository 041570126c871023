/**
 * One single-use sandbox: started ahead of the request (bwrap up, namespaces and cgroup ready, the supervisor
 * blocked on its control pipe), used for exactly one run, then killed and discarded whole.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import type { Readable, Writable } from 'node:stream'
import { CappedCapture } from './capture.ts'
import { RunCgroup } from './cgroups.ts'
import type { HostEnvironment } from './host.ts'
import { cpuBefore, type RawOutcome } from './outcome.ts'
import { buildFilter } from './seccomp/filter.ts'
import { encodeRequest, ReportDecoder, type SupervisorRequest } from './supervisor/protocol.ts'
import type { Limits } from './types.ts'

export interface RunJob {
  request: SupervisorRequest
  stdin: Uint8Array
  limits: Limits
  compileLimits?: Limits
  signal?: AbortSignal
}

/** Memory (KB) and processes: the limits that live in the cgroup. */
export type CgroupLimits = Pick<Limits, 'memory' | 'processes'>

/** What a sandbox is started for: its binds, network, and the cgroup limits of its first step. */
export interface SandboxShape {
  binds: Record<string, string>
  network: boolean
  limits: CgroupLimits
}

const SECCOMP_FD = 5
/** Cgroup CPU is polled this often to stop a multi-process CPU hog that each per-process RLIMIT_CPU misses. */
const CPU_POLL_MS = 100
/** After the program ended, how long collecting its output files may take. */
const COLLECT_MS = 5000
/** After a kill, how long the pipes get to drain before we stop waiting. */
const DRAIN_MS = 2000
/** Largest supervisor record (an output file) we accept. */
const MAX_RECORD = 64 * 1024 * 1024

export class SandboxInstance {
  private readonly child: ChildProcess
  private readonly cgroup: RunCgroup | null
  private readonly environment: HostEnvironment
  private readonly cleanup: () => Promise<void>
  private readonly closed: Promise<void>
  private exited = false
  /** Cgroup limits in force, so a run with the same ones skips rewriting them. */
  private appliedLimits: CgroupLimits | null = null

  private constructor(
    environment: HostEnvironment,
    child: ChildProcess,
    cgroup: RunCgroup | null,
    cleanup: () => Promise<void>,
  ) {
    this.environment = environment
    this.child = child
    this.cgroup = cgroup
    this.cleanup = cleanup
    this.closed = new Promise((resolve) => child.once('close', () => resolve()))
    child.once('exit', () => {
      this.exited = true
    })
    // A sandbox that died while waiting (or whose pipes broke) just fails its run; never crash the host.
    for (const stream of child.stdio) stream?.on('error', () => {})
  }

  /** Starts the sandbox up to the point where it waits for a request. */
  static async start(environment: HostEnvironment, shape: SandboxShape): Promise<SandboxInstance> {
    const cgroup = environment.cgroups ? await RunCgroup.create(environment.cgroups) : null
    try {
      // Limits go on before bwrap starts, so its set-up is limited too; usually they are the ones the run needs.
      await cgroup?.setLimits(shape.limits.memory, shape.limits.processes)
      const launcher = ['launch']
      for (const file of cgroup?.procsFiles ?? []) launcher.push('--cgroup', file)
      if (environment.dropToUid !== null) {
        launcher.push('--user', String(environment.dropToUid), String(environment.dropToUid))
      }
      const command = await environment.command(shape)
      const child = spawn(environment.supervisor, [...launcher, '--', ...command.argv], {
        stdio: ['pipe', 'pipe', 'pipe', 'pipe', 'pipe', 'pipe'],
        env: {},
        cwd: command.cwd,
      })
      const instance = new SandboxInstance(environment, child, cgroup, command.cleanup)
      instance.appliedLimits = shape.limits
      const seccomp = (child.stdio as unknown as Writable[])[SECCOMP_FD] as Writable
      seccomp.end(command.isolated ? buildFilter({ network: shape.network }) : undefined)
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', resolve)
        child.once('error', reject)
      })
      return instance
    } catch (error) {
      await cgroup?.remove().catch(() => {})
      throw error
    }
  }

  /** False once the sandbox died while waiting (it is then discarded, not used). */
  get alive(): boolean {
    return !this.exited
  }

  /** Runs the request in this sandbox. Resolves with what happened; rejects only if aborted by `job.signal`. */
  async run(job: RunJob): Promise<RawOutcome> {
    const outcome: RawOutcome = {
      stdout: new CappedCapture(job.limits.outputSize, () => this.stop(outcome, 'output-exceeded')),
      stderr: new CappedCapture(job.limits.outputSize, () => this.stop(outcome, 'output-exceeded')),
      compileOutput: job.compileLimits ? new CappedCapture(job.compileLimits.outputSize) : undefined,
      outputFiles: [],
      runWallSeconds: 0,
      cpuBaseline: 0,
    }
    const [stdin, stdout, stderr, control, report] = this.child.stdio as [
      Writable,
      Readable,
      Readable,
      Writable,
      Readable,
    ]
    stdout.on('data', (chunk: Buffer) => outcome.stdout.push(chunk))
    stderr.on('data', (chunk: Buffer) => outcome.stderr.push(chunk))
    const timers: NodeJS.Timeout[] = []
    let runStartedAt = 0
    let starting: Promise<void> | undefined
    const onAbort = () => this.stop(outcome, 'aborted')
    job.signal?.addEventListener('abort', onAbort, { once: true })
    await this.applyLimits(job.compileLimits ?? job.limits)
    // CPU the sandbox used before the request (bwrap's set-up) is not the program's. Read while the request is
    // on its way: the supervisor still has files to write before the program starts.
    const baseline = this.cgroup?.usage().then((usage) => {
      outcome.cpuBaseline = usage.cpuSeconds
    })
    const decoder = new ReportDecoder(MAX_RECORD)
    const done = new Promise<void>((resolve) => {
      report.on('data', (chunk: Buffer) => {
        let records: ReturnType<ReportDecoder['push']>
        try {
          records = decoder.push(chunk)
        } catch (error) {
          outcome.internalError = (error as Error).message
          this.stop(outcome, 'internal')
          return resolve()
        }
        for (const record of records) {
          if (record.type === 'compiled') outcome.compile = record.report
          else if (record.type === 'compile-output') outcome.compileOutput?.push(record.bytes)
          else if (record.type === 'output-file') outcome.outputFiles.push(record)
          else if (record.type === 'ran') {
            outcome.run = record.report
            outcome.runWallSeconds = record.report.wallSeconds
            // Collecting output files must not hang the host (a huge tree, files still being made by a daemon).
            timers.push(setTimeout(() => this.kill(), COLLECT_MS))
          } else if (record.type === 'run-started') {
            // The compile step is over: its wall clock must not stop the run.
            clearTimeout(compileTimer)
            runStartedAt = performance.now()
            starting = this.startRun(job, outcome, control, timers).catch((error: Error) => {
              outcome.internalError = error.message
              this.stop(outcome, 'internal')
            })
          } else if (record.type === 'done') resolve()
        }
      })
      this.closed.then(() => resolve())
    })
    const compileTimer = job.compileLimits
      ? setTimeout(() => this.stop(outcome, 'compile-time-exceeded'), job.compileLimits.wallTime * 1000)
      : undefined
    timers.push(...(compileTimer ? [compileTimer] : []))
    for (const chunk of encodeRequest(job.request)) control.write(chunk)
    stdin.end(Buffer.from(job.stdin))
    await done
    // The run step's timers are set up asynchronously: let that finish so none outlives the run.
    await starting
    for (const timer of timers) clearTimeout(timer)
    // Killed before the supervisor could report: the host's clock is all there is.
    if (runStartedAt && !outcome.run) outcome.runWallSeconds = (performance.now() - runStartedAt) / 1000
    // Kill at once (a daemonized child dies with the pid namespace); the cgroup keeps its counters until removed.
    this.kill()
    const [usage] = await Promise.all([this.cgroup?.usage().catch(() => undefined), this.drained(), baseline])
    if (usage) outcome.usage = usage
    // Removing the cgroup waits for the kernel to reap everything: the caller need not wait for that.
    this.environment.track(this.discard())
    job.signal?.removeEventListener('abort', onAbort)
    if (outcome.killedFor === 'aborted') throw job.signal?.reason ?? new Error('aborted')
    if (!runStartedAt && !outcome.run && !outcome.compile && !outcome.killedFor && !outcome.internalError) {
      const how = this.child.exitCode ?? this.child.signalCode
      outcome.internalError = `the sandbox ended before running the program (exit ${how}): ${outcome.stderr.tail(500)}`
    }
    return outcome
  }

  /** The run step begins: switch to the run's limits, start its wall clock and CPU watch. */
  private async startRun(job: RunJob, outcome: RawOutcome, control: Writable, timers: NodeJS.Timeout[]) {
    if (job.compileLimits) {
      await this.applyLimits(job.limits)
      await this.cgroup?.resetPeak()
      control.write(Buffer.from([1]))
    }
    timers.push(setTimeout(() => this.stop(outcome, 'wall-time-exceeded'), job.limits.wallTime * 1000))
    const cgroup = this.cgroup
    if (!cgroup) return
    const poll = setInterval(async () => {
      const usage = await cgroup.usage().catch(() => null)
      if (usage && !outcome.run && usage.cpuSeconds - cpuBefore(outcome) > job.limits.cpuTime + 0.05) {
        this.stop(outcome, 'cpu-time-exceeded')
      }
    }, CPU_POLL_MS)
    timers.push(poll)
  }

  private async applyLimits(limits: CgroupLimits): Promise<void> {
    if (!this.cgroup) return
    if (this.appliedLimits?.memory === limits.memory && this.appliedLimits.processes === limits.processes)
      return
    await this.cgroup.setLimits(limits.memory, limits.processes)
    this.appliedLimits = { memory: limits.memory, processes: limits.processes }
  }

  /** Ends the run now, remembering why (the first reason wins). */
  private stop(outcome: RawOutcome, reason: NonNullable<RawOutcome['killedFor']>): void {
    if (outcome.run && reason !== 'internal') return
    outcome.killedFor ??= reason
    this.kill()
  }

  /** Killing bwrap ends its pid namespace and everything in it; the cgroup is swept again on removal. */
  private kill(): void {
    if (!this.exited) this.child.kill('SIGKILL')
  }

  /** Waits for the pipes to close (all output read), giving up after DRAIN_MS. */
  private async drained(): Promise<void> {
    const closed = await Promise.race([
      this.closed.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), DRAIN_MS).unref()),
    ])
    if (!closed) for (const stream of this.child.stdio) stream?.destroy()
  }

  /** Kills whatever is left (a daemonized child dies with the pid namespace and the cgroup) and removes it all. */
  async discard(): Promise<void> {
    this.kill()
    await this.drained()
    await this.cgroup?.remove().catch(() => {})
    await this.cleanup()
  }
}
