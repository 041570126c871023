import type { ExecuteRequest, ExecuteResult } from '../sandbox/types.ts'
import { STATUSES } from '../sandbox/types.ts'
import { type ExtractLimits, extractAdditionalFiles } from './additional-files.ts'
import { encodeBase64 } from './base64.ts'
import type { Judge0Language } from './languages.ts'
import type { Submission, SubmissionResult } from './submission.ts'
import { splitWords } from './word-split.ts'

/** What the Judge0 API needs of the sandbox: `execute()` (src/sandbox's `createSandbox(config)` provides it). */
export interface SandboxRunner {
  execute(request: ExecuteRequest): Promise<ExecuteResult>
}

export interface RunOptions {
  extractLimits: ExtractLimits
  signal?: AbortSignal
}

/**
 * Runs a submission the way Judge0's worker does: `number_of_runs` times (stopping at the first run that is not
 * Accepted), averaging time, wall time and memory, judging Wrong Answer against `expected_output`, and turning
 * the sandbox's result into Judge0's attributes and isolate-style messages. Never throws: a sandbox failure
 * becomes status 13 (Internal Error) with its message.
 */
export async function runSubmission(
  submission: Submission,
  language: Judge0Language,
  sandbox: SandboxRunner,
  options: RunOptions,
): Promise<SubmissionResult> {
  try {
    const request = toExecuteRequest(submission, language, options)
    const runs: ExecuteResult[] = []
    let status: number = STATUSES.ACCEPTED.id
    for (let run = 0; run < submission.number_of_runs; run++) {
      const result = await sandbox.execute(request)
      runs.push(result)
      status = judge(result, submission)
      if (status !== STATUSES.ACCEPTED.id) break
    }
    return toResult(runs, status, submission)
  } catch (error) {
    return internalErrorResult(error instanceof Error ? error.message : String(error))
  }
}

/** Status 13 (Internal Error) with `message`: the sandbox could not run the submission. */
export function internalErrorResult(message: string): SubmissionResult {
  return {
    status_id: STATUSES.INTERNAL_ERROR.id,
    stdout: null,
    stderr: null,
    compile_output: null,
    message,
    exit_code: null,
    exit_signal: null,
    time: null,
    wall_time: null,
    memory: null,
    finished_at: new Date().toISOString(),
  }
}

function toExecuteRequest(
  submission: Submission,
  language: Judge0Language,
  options: RunOptions,
): ExecuteRequest {
  let files: Record<string, Uint8Array> | undefined
  if (submission.additional_files) {
    const extracted = extractAdditionalFiles(
      Buffer.from(submission.additional_files, 'base64'),
      options.extractLimits,
    )
    if ('error' in extracted) throw new Error(`additional_files ${extracted.error}`)
    files = extracted.files
  }
  return {
    language: language.definition.id,
    source: bytesOf(submission.source_code),
    files,
    stdin: bytesOf(submission.stdin) ?? new Uint8Array(),
    args: submission.command_line_arguments ? splitWords(submission.command_line_arguments) : [],
    compilerOptions: submission.compiler_options ? splitWords(submission.compiler_options) : [],
    limits: {
      // isolate's extra time: the program may run past the limit before it is killed, and is then judged TLE.
      cpuTime: submission.cpu_time_limit + submission.cpu_extra_time,
      wallTime: submission.wall_time_limit,
      memory: submission.memory_limit,
      stack: submission.stack_limit,
      processes: submission.max_processes_and_or_threads,
      fileSize: submission.max_file_size,
    },
    network: submission.enable_network,
    signal: options.signal,
  }
}

/** Judge0's verdict for one run. */
function judge(result: ExecuteResult, submission: Submission): number {
  if (result.status.id !== STATUSES.ACCEPTED.id) return result.status.id
  if (submission.cpu_time_limit > 0 && result.time > submission.cpu_time_limit)
    return STATUSES.TIME_LIMIT_EXCEEDED.id
  if (submission.expected_output === null) return STATUSES.ACCEPTED.id
  const expected = Buffer.from(submission.expected_output, 'base64')
  return outputsMatch(expected, result.stdout.bytes) ? STATUSES.ACCEPTED.id : STATUSES.WRONG_ANSWER.id
}

/**
 * Judge0's comparison: trailing whitespace is removed from every line and from the end of the whole output
 * (`text.split("\n").map(&:rstrip).join("\n").rstrip`); leading whitespace and blank lines inside count.
 */
export function outputsMatch(expected: Uint8Array, actual: Uint8Array): boolean {
  return normalizeOutput(expected) === normalizeOutput(actual)
}

function normalizeOutput(bytes: Uint8Array): string {
  // latin1 maps each byte to one character, so bytes that are not UTF-8 still compare exactly.
  return Buffer.from(bytes)
    .toString('latin1')
    .split('\n')
    .map((line) => line.replace(RUBY_TRAILING_WHITESPACE, ''))
    .join('\n')
    .replace(RUBY_TRAILING_WHITESPACE, '')
}

/** What Ruby's `rstrip` removes: NUL and ASCII whitespace. */
const RUBY_TRAILING_WHITESPACE = /[\0\t\n\v\f\r ]+$/

function toResult(runs: ExecuteResult[], statusId: number, submission: Submission): SubmissionResult {
  const last = runs.at(-1) as ExecuteResult
  let stdout = last.stdout.bytes
  let stderr: Uint8Array = last.stderr.bytes
  if (submission.redirect_stderr_to_stdout) {
    stdout = Buffer.concat([stdout, stderr])
    stderr = new Uint8Array()
  }
  const compiled = statusId !== STATUSES.COMPILATION_ERROR.id
  return {
    status_id: statusId,
    stdout: nonEmptyBase64(stdout),
    stderr: nonEmptyBase64(stderr),
    compile_output: last.compileOutput ? nonEmptyBase64(last.compileOutput.bytes) : null,
    message: messageFor(statusId, last),
    // Judge0 leaves the run's figures empty when the program never ran.
    exit_code: compiled ? last.exitCode : null,
    exit_signal: compiled ? last.signal : null,
    time: compiled ? average(runs.map((run) => run.time)) : null,
    wall_time: compiled ? average(runs.map((run) => run.wallTime)) : null,
    memory: compiled ? Math.round(average(runs.map((run) => run.memory))) : null,
    finished_at: new Date().toISOString(),
  }
}

/** isolate's wording, which Judge0 clients show to users; our own detail where isolate has none. */
function messageFor(statusId: number, result: ExecuteResult): string | null {
  switch (statusId) {
    case STATUSES.ACCEPTED.id:
    case STATUSES.WRONG_ANSWER.id:
      return null
    case STATUSES.TIME_LIMIT_EXCEEDED.id:
      return result.reason === 'wall-time-exceeded'
        ? 'Time limit exceeded (wall clock)'
        : 'Time limit exceeded'
    case STATUSES.RUNTIME_ERROR_NZEC.id:
      return `Exited with error status ${result.exitCode}`
    default:
      if (result.signal !== null && statusId >= 7 && statusId <= 12)
        return `Caught fatal signal ${result.signal}`
      return result.message ?? null
  }
}

function bytesOf(base64: string | null): Uint8Array | undefined {
  return base64 === null ? undefined : Buffer.from(base64, 'base64')
}

function nonEmptyBase64(bytes: Uint8Array): string | null {
  return bytes.length === 0 ? null : encodeBase64(bytes)
}

function average(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length
}
