import type { ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { isUserFacing } from '../errors.ts'

/** HTTP status per `VerityError.code` suffix family; user-facing errors default to 400. */
function statusOf(code: string): 400 | 404 | 409 | 413 | 422 {
  if (code.endsWith('NOT_FOUND')) return 404
  if (code.endsWith('CONFLICT') || code.endsWith('EXISTS')) return 409
  if (code.endsWith('TOO_LARGE')) return 413
  if (code.endsWith('VALIDATION') || code.endsWith('INVALID')) return 422
  return 400
}

/**
 * The one place errors become HTTP answers: a user-facing `VerityError` → 4xx `{ error, code }` with its
 * message (which names the field, input or position); hono's `HTTPException` → its own response; anything
 * else → 500 `{ error: "internal server error" }`, logged with its stack but never sent to the client.
 */
export function errorHandler(log: (message: string) => void): ErrorHandler {
  return (error, context) => {
    if (error instanceof HTTPException) return error.getResponse()
    if (isUserFacing(error))
      return context.json({ error: error.message, code: error.code }, statusOf(error.code))
    log(`verity server: ${context.req.method} ${context.req.path} failed: ${error.stack ?? String(error)}`)
    return context.json({ error: 'internal server error' }, 500)
  }
}

export const notFound: NotFoundHandler = (context) =>
  context.json({ error: `no route for ${context.req.method} ${context.req.path}` }, 404)
