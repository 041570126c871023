import { VerityError } from '../errors.ts'
import { parseDuration } from '../flow/duration.ts'

/**
 * Milliseconds of an ISO-8601 duration (`PT5S`, `PT1M30S`, `P1D`) for the engine's `timeout`, `retry` and `Sleep`.
 * Throws a user-facing `DURATION` error naming `what` when the (rendered) text is not one.
 * @example durationMs('PT1M30S', 'timeout') // 90000
 */
export function durationMs(text: string, what = 'duration'): number {
  const milliseconds = parseDuration(text)
  if (milliseconds === undefined) {
    throw new VerityError(
      'DURATION',
      `Invalid ${what} "${text}": expected an ISO-8601 duration such as PT5S, PT1M30S or P1D`,
    )
  }
  return milliseconds
}

/** The ISO-8601 form Kestra prints for a number of milliseconds, e.g. `PT1M30S`, `PT0.5S`. */
export function formatDuration(milliseconds: number): string {
  let rest = Math.max(0, milliseconds)
  const hours = Math.floor(rest / 3_600_000)
  rest -= hours * 3_600_000
  const minutes = Math.floor(rest / 60_000)
  rest -= minutes * 60_000
  const seconds = rest / 1000
  let text = 'PT'
  if (hours) text += `${hours}H`
  if (minutes) text += `${minutes}M`
  if (seconds || text === 'PT') text += `${Number(seconds.toFixed(3))}S`
  return text
}
