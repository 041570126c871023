import type { Context, ErrorHandler } from 'hono'
import { z } from 'zod'
import { VerityError } from '../../errors.ts'
import { FlowValidationError, InputError } from '../../flow/index.ts'
import { errorHandler } from '../errors.ts'

/** One field-level problem of a request: where (`path`, e.g. `tasks[0].type` or `inputs.name`) and what. */
export interface FieldError {
  path: string
  message: string
  line?: number
  column?: number
}

/** A request whose body, query or inputs are invalid: 422 `{ message, errors: [{ path, message }] }`. */
export class RequestValidationError extends VerityError {
  readonly errors: FieldError[]

  constructor(errors: FieldError[], code = 'REQUEST_INVALID') {
    super(code, errors.map((error) => `${error.path}: ${error.message}`).join('\n'))
    this.errors = errors
  }

  /** From a zod error of a query or body schema; `prefix` is where the parsed value sits (`query`, `body`). */
  static fromZod(error: z.ZodError, prefix: string): RequestValidationError {
    return new RequestValidationError(
      error.issues.map((issue) => ({
        path: [prefix, ...issue.path.map(String)].join('.'),
        message: issue.message,
      })),
    )
  }
}

/** The field errors a known validation error carries, or undefined for other errors. */
function fieldErrors(error: unknown): FieldError[] | undefined {
  if (error instanceof RequestValidationError) return error.errors
  if (error instanceof FlowValidationError) {
    return error.issues.map((issue) => ({
      path: issue.position.path || '(root)',
      message: issue.message,
      line: issue.position.line,
      column: issue.position.column,
    }))
  }
  if (error instanceof InputError) {
    return error.issues.map((issue) => ({ path: `inputs.${issue.input}`, message: issue.message }))
  }
  if (error instanceof z.ZodError) return RequestValidationError.fromZod(error, 'body').errors
  return undefined
}

/**
 * The REST API's error mapper, in front of the server's: validation errors (request, flow, inputs) become 422
 * `{ message, code, errors: [{ path, message, line?, column? }] }`; other user errors keep the server's mapping
 * with `message` added (Kestra clients read `message`); unexpected errors stay a logged 500.
 */
export function apiErrorHandler(log: (message: string) => void): ErrorHandler {
  const base = errorHandler(log)
  return async (error, context: Context) => {
    const errors = fieldErrors(error)
    if (errors) {
      const code = error instanceof VerityError ? error.code : 'REQUEST_INVALID'
      return context.json({ message: error.message, code, errors }, 422)
    }
    const response = await base(error, context)
    if (!response.headers.get('content-type')?.includes('application/json')) return response
    const body = (await response.clone().json()) as { error?: string }
    return context.json({ message: body.error, ...body }, response.status as 400)
  }
}
