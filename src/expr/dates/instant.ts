import { fail } from '../filters/arguments.ts'
import { typeName } from '../values.ts'
import { parseWithPattern } from './pattern.ts'

/** A point in time with Java's nanosecond precision. */
export interface Instant {
  /** Milliseconds since the epoch (floored). */
  epochMilli: number
  /** Nanoseconds within the millisecond, 0..999999. */
  nanoOfMilli: number
}

const ISO =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?(?:\[[^\]]+\])?$/i

/**
 * Reads a date as Kestra's date filters do: ISO-8601 text (offset optional, Java's `[Zone/Id]` suffix
 * accepted; a date or time without offset is in `timeZone`), text in `existingFormat`, a number of
 * epoch seconds, or a JavaScript Date handed in by the engine.
 */
export function toInstant(value: unknown, timeZone: string, existingFormat?: string): Instant {
  if (value instanceof Date) return { epochMilli: value.getTime(), nanoOfMilli: 0 }
  if (typeof value === 'number') {
    const epochMilli = Math.floor(value * 1000)
    return { epochMilli, nanoOfMilli: Math.round((value * 1000 - epochMilli) * 1e6) }
  }
  if (typeof value !== 'string') fail(`input must be a date text or epoch seconds, got ${typeName(value)}`)
  if (existingFormat !== undefined) return parseWithPattern(value, existingFormat, timeZone)
  const match = ISO.exec(value.trim())
  if (!match) fail(`'${value}' is not an ISO-8601 date; pass existingFormat to read another format`)
  const [, date, time = '00:00:00', fraction = '', offset] = match
  const fullTime = time.length === 5 ? `${time}:00` : time
  const local = Date.parse(`${date}T${fullTime}Z`)
  if (Number.isNaN(local)) fail(`'${value}' is not a valid date`)
  const nanos = Number(fraction.padEnd(9, '0'))
  const epochSecondsMilli = offset ? local - offsetMinutes(offset) * 60_000 : fromLocal(local, timeZone)
  return { epochMilli: epochSecondsMilli + Math.floor(nanos / 1e6), nanoOfMilli: nanos % 1e6 }
}

function offsetMinutes(offset: string): number {
  if (offset.toUpperCase() === 'Z') return 0
  const digits = offset.replace(':', '')
  const sign = digits[0] === '-' ? -1 : 1
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || 0))
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>()

/** Offset of a zone at an instant, in minutes east of UTC. */
export function zoneOffsetMinutes(epochMilli: number, timeZone: string): number {
  if (timeZone === 'UTC' || timeZone === 'Z') return 0
  let formatter = offsetFormatters.get(timeZone)
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      })
    } catch {
      fail(`unknown time zone '${timeZone}'`)
    }
    offsetFormatters.set(timeZone, formatter)
  }
  const parts: Record<string, number> = {}
  for (const part of formatter.formatToParts(new Date(epochMilli))) parts[part.type] = Number(part.value)
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second)
  return Math.round((asUtc - Math.floor(epochMilli / 1000) * 1000) / 60_000)
}

/** The instant of a local wall-clock time (as UTC milliseconds of its fields) in a zone. */
export function fromLocal(localAsUtc: number, timeZone: string): number {
  const guess = localAsUtc - zoneOffsetMinutes(localAsUtc, timeZone) * 60_000
  return localAsUtc - zoneOffsetMinutes(guess, timeZone) * 60_000
}
