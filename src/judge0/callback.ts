export interface CallbackOptions {
  /** Attempts in all (Judge0's `callbacks_max_tries`). */
  maxTries: number
  /** Seconds each attempt may take (Judge0's `callbacks_timeout`). */
  timeoutSeconds: number
  /** Pause before attempt n+1 is n × this. */
  retryDelayMs: number
  fetch?: typeof fetch
}

/**
 * PUTs a finished submission to its `callback_url` as Judge0 does, retrying on network errors and non-2xx
 * answers. Resolves to whether a delivery succeeded; never throws, since the submission itself has finished.
 */
export async function deliverCallback(
  url: string,
  body: unknown,
  options: CallbackOptions,
): Promise<boolean> {
  const send = options.fetch ?? fetch
  for (let attempt = 1; attempt <= options.maxTries; attempt++) {
    try {
      const response = await send(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutSeconds * 1000),
        redirect: 'manual',
      })
      await response.body?.cancel()
      if (response.ok) return true
    } catch {
      // A refused connection or a timeout is what retries are for.
    }
    if (attempt < options.maxTries)
      await new Promise((resolve) => setTimeout(resolve, attempt * options.retryDelayMs))
  }
  return false
}
