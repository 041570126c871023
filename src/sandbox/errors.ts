import { VerityError } from '../errors.ts'

/** Isolation is missing (no bubblewrap, no user namespaces…): untrusted code is refused, never run bare. */
export class SandboxUnavailableError extends VerityError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('SANDBOX_UNAVAILABLE', message, { ...options, userFacing: true })
  }
}

/** Every slot is busy and the wait queue is full: retry later (HTTP 503). */
export class SandboxBusyError extends VerityError {
  readonly concurrency: number
  readonly queueSize: number
  constructor(concurrency: number, queueSize: number) {
    super(
      'SANDBOX_BUSY',
      `the sandbox is busy: ${concurrency} runs in progress and ${queueSize} waiting (the queue is full); retry later`,
      { userFacing: true },
    )
    this.concurrency = concurrency
    this.queueSize = queueSize
  }
}

/** The request itself is invalid (unknown language, file name escaping the work dir, too many files…). */
export class SandboxRequestError extends VerityError {
  /** The request field at fault, e.g. `files["../x"]`, `limits.memory`. */
  readonly field: string
  constructor(field: string, message: string) {
    super('SANDBOX_REQUEST', `${field}: ${message}`, { userFacing: true })
    this.field = field
  }
}
