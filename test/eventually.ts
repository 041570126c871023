import assert from 'node:assert/strict'

/**
 * Polls `probe` until it gives something other than `undefined` or `false`, and returns that; fails naming
 * `what` after `ms`. For state another process or a timer reaches in its own time.
 *
 * @example
 * const job = await eventually(() => jobs.find((job) => job.done), 'a job to finish', 10_000)
 */
export async function eventually<T>(
  probe: () => T | false | undefined | Promise<T | false | undefined>,
  what: string,
  ms = 5000,
): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
