import { APICallError, NoObjectGeneratedError, RetryError } from 'ai'
import { VerityError } from '../../errors.ts'

/** A provider answered with an HTTP error (bad key, rate limit, outage…) or could not be reached. */
export class AiProviderError extends VerityError {
  /** HTTP status the provider answered, when it answered. */
  readonly statusCode: number | undefined

  constructor(message: string, statusCode: number | undefined, cause: unknown) {
    super('AI_PROVIDER', message, { cause })
    this.statusCode = statusCode
  }
}

/** An AI task or one of its components is configured in a way that cannot work. */
export class AiConfigurationError extends VerityError {
  constructor(message: string) {
    super('AI_CONFIGURATION', message)
  }
}

/** The model's answer could not be used (e.g. JSON asked for, something else returned). */
export class AiOutputError extends VerityError {
  constructor(message: string, cause?: unknown) {
    super('AI_OUTPUT', message, { cause })
  }
}

/**
 * Turns what the AI SDK throws into a task error naming the provider, the HTTP status and the vendor's own
 * message (`Google Gemini answered HTTP 401: API key not valid`). `mask` hides secrets echoed back by vendors.
 */
export function toAiError(error: unknown, vendor: string, mask: (text: string) => string): unknown {
  if (error instanceof VerityError) return error
  const retries = RetryError.isInstance(error) ? error.errors.length : 0
  const last = RetryError.isInstance(error) ? error.lastError : error
  if (APICallError.isInstance(last)) {
    const status = last.statusCode
    const attempts = retries > 1 ? ` (after ${retries} attempts)` : ''
    const what =
      status === undefined ? 'could not be reached' : `answered HTTP ${status}${statusHint(status)}`
    return new AiProviderError(mask(`${vendor} ${what}${attempts}: ${vendorMessage(last)}`), status, error)
  }
  if (NoObjectGeneratedError.isInstance(error)) {
    return new AiOutputError(
      mask(
        `${vendor} did not return valid JSON for the requested response format: ${error.text ?? '(no text)'}`,
      ),
      error,
    )
  }
  if (error instanceof Error && error.name === 'AbortError') return error
  if (error instanceof Error)
    return new AiProviderError(mask(`${vendor} call failed: ${error.message}`), undefined, error)
  return error
}

function statusHint(status: number): string {
  if (status === 401 || status === 403) return ' (check the API key)'
  if (status === 429) return ' (rate limited)'
  if (status >= 500) return ' (provider error)'
  return ''
}

/** The vendor's message: providers extract it from their error JSON into `message`; fall back to the body. */
function vendorMessage(error: APICallError): string {
  const body = error.responseBody?.trim()
  if (
    error.message &&
    !/^(Bad Request|Unauthorized|Internal Server Error|Too Many Requests)$/.test(error.message)
  ) {
    return error.message
  }
  return body ? body.slice(0, 500) : error.message
}
