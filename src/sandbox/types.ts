/**
 * The sandbox's public types: what a caller asks for and what it gets back.
 * Every piece of untrusted code (agent tool call, script task, Judge0 submission) goes through `execute()`.
 */

/** Judge0's status ids and descriptions, kept exactly so Judge0 clients understand them. */
export const STATUSES = {
  IN_QUEUE: { id: 1, description: 'In Queue' },
  PROCESSING: { id: 2, description: 'Processing' },
  ACCEPTED: { id: 3, description: 'Accepted' },
  WRONG_ANSWER: { id: 4, description: 'Wrong Answer' },
  TIME_LIMIT_EXCEEDED: { id: 5, description: 'Time Limit Exceeded' },
  COMPILATION_ERROR: { id: 6, description: 'Compilation Error' },
  RUNTIME_ERROR_SIGSEGV: { id: 7, description: 'Runtime Error (SIGSEGV)' },
  RUNTIME_ERROR_SIGXFSZ: { id: 8, description: 'Runtime Error (SIGXFSZ)' },
  RUNTIME_ERROR_SIGFPE: { id: 9, description: 'Runtime Error (SIGFPE)' },
  RUNTIME_ERROR_SIGABRT: { id: 10, description: 'Runtime Error (SIGABRT)' },
  RUNTIME_ERROR_NZEC: { id: 11, description: 'Runtime Error (NZEC)' },
  RUNTIME_ERROR_OTHER: { id: 12, description: 'Runtime Error (Other)' },
  INTERNAL_ERROR: { id: 13, description: 'Internal Error' },
  EXEC_FORMAT_ERROR: { id: 14, description: 'Exec Format Error' },
} as const

export type Status = (typeof STATUSES)[keyof typeof STATUSES]

/** Our precise reason, beyond Judge0's status. */
export type Reason =
  | 'ok'
  | 'nonzero-exit'
  | 'signaled'
  | 'cpu-time-exceeded'
  | 'wall-time-exceeded'
  | 'memory-exceeded'
  | 'output-exceeded'
  | 'file-size-exceeded'
  | 'process-limit-exceeded'
  | 'compile-failed'
  | 'compile-time-exceeded'
  | 'internal-error'

export interface Limits {
  /** CPU seconds (fractional allowed). */
  cpuTime: number
  /** Wall-clock seconds, enforced from outside. */
  wallTime: number
  /** Memory in KB, swap included (cgroup). */
  memory: number
  /** Stack in KB (rlimit). */
  stack: number
  /** Max processes and threads (cgroup pids). */
  processes: number
  /** Max size of any file written, KB (rlimit FSIZE). */
  fileSize: number
  /** Max bytes of stdout and of stderr, each, captured before truncation (and the run stopped). */
  outputSize: number
}

export interface ExecuteRequest {
  /** Language id from the registry, e.g. `python`, `javascript`, `c`. */
  language: string
  /** Main source; written to the language's source file name. Either this or `files` (or both). */
  source?: string | Uint8Array
  /** Extra files: relative name → content. Names may not escape the working directory. */
  files?: Record<string, string | Uint8Array>
  stdin?: string | Uint8Array
  /** argv passed to the program, never joined into a shell string. */
  args?: string[]
  /** Extra compiler argv, never joined into a shell string. */
  compilerOptions?: string[]
  /** Partial limits, merged over the configured defaults and capped by the configured maxima. */
  limits?: Partial<Limits>
  compileLimits?: Partial<Limits>
  /** Off by default. */
  network?: boolean
  /** Explicit environment; nothing of the host leaks in. */
  env?: Record<string, string>
  /** Globs of files (relative to the working dir) to bring back after the run, size-capped. */
  outputFiles?: string[]
  /** Cancels the run (kills the whole process tree). */
  signal?: AbortSignal
}

export interface CapturedOutput {
  bytes: Uint8Array
  truncated: boolean
}

export interface OutputFile {
  name: string
  bytes: Uint8Array
  truncated: boolean
}

export interface ExecuteResult {
  status: Status
  reason: Reason
  /** Human-readable detail, e.g. `memory limit of 262144 KB exceeded`. */
  message?: string
  stdout: CapturedOutput
  stderr: CapturedOutput
  /** Present when the language compiles. */
  compileOutput?: CapturedOutput
  exitCode: number | null
  /** Signal number that ended the program, if any. */
  signal: number | null
  /** CPU seconds (user + system) of the run step. */
  time: number
  /** Wall seconds of the run step. */
  wallTime: number
  /** Peak memory in KB of the run step. */
  memory: number
  outputFiles: OutputFile[]
}

/** One language of the data-driven registry. Commands are argv arrays; `{source}` etc. are placeholders. */
export interface LanguageDefinition {
  /** Stable id used in requests, e.g. `python`. */
  id: string
  /** Other names accepted in requests, e.g. `py`, `python3`. */
  aliases?: string[]
  /** Display name, e.g. `Python`. */
  name: string
  /** Installed version, detected from the toolchain (filled by detection). */
  version?: string
  /** File the main source is written to, e.g. `main.py`, `Main.java`. */
  sourceFile: string
  /** argv to compile, or absent for interpreted languages. May use `{compilerOptions}` as a splice point. */
  compile?: string[]
  /** argv to run. May use `{args}` as a splice point (default: args appended). */
  run: string[]
  /** Judge0 CE and hosted-service language ids this answers to. The first is the canonical one. */
  judge0Ids: number[]
  /** argv that prints the version (first line parsed). */
  versionCommand?: string[]
  /** Regex source whose first group is the version in `versionCommand`'s output (default: first `1.2.3`). */
  versionPattern?: string
  /** Binaries that must exist for the language to count as installed. */
  requires: string[]
  /** Debian packages that provide it (for `scripts/setup` and `verity doctor` hints). */
  debianPackages: string[]
  /** Debian packages added by `scripts/setup --all` (e.g. Python's numpy, pandas). */
  extendedPackages?: string[]
  /**
   * Host files the runner binds read-only into the sandbox: sandbox path → host path (e.g. Node 24 from
   * `node_modules` at `/usr/local/bin/node`). Detection checks `requires` at the host path.
   */
  binds?: Record<string, string>
  /** `core` is installed by default setup; `extended` by `scripts/setup --all`. */
  set: 'core' | 'extended'
  /** Extra environment the toolchain needs (e.g. `GOCACHE`). */
  env?: Record<string, string>
  /** Limits this language needs above the defaults (e.g. the JVM needs more processes). */
  minimumLimits?: Partial<Limits>
}
