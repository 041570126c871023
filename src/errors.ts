/**
 * The one base error of Verity. Every error a user can cause is a subclass with a stable `code`
 * and a message that names what was wrong and where (file:line:column, field, input…).
 * `userFacing` errors are printed without a stack trace by the CLI and mapped to 4xx by the server.
 *
 * This file is a leaf: every area may import it, it imports nothing.
 */
export class VerityError extends Error {
  /** Stable, machine-readable code, e.g. `FLOW_VALIDATION`, `EXPRESSION`, `SANDBOX_UNAVAILABLE`. */
  readonly code: string
  /** True when the user caused it (bad YAML, bad input…): no stack trace, 4xx over HTTP. */
  readonly userFacing: boolean

  constructor(code: string, message: string, options: { cause?: unknown; userFacing?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.userFacing = options.userFacing ?? true
  }
}

/** True for errors that should be shown to the user as they are, without a stack trace. */
export function isUserFacing(error: unknown): error is VerityError {
  return error instanceof VerityError && error.userFacing
}
