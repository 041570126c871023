import { fromLocal, type Instant, toInstant, zoneOffsetMinutes } from '../dates/instant.ts'
import { formatPattern } from '../dates/pattern.ts'
import { argument, fail, requireInteger, requireString } from './arguments.ts'
import type { Filter } from './types.ts'

// Kestra's named formats; `iso` is also the default output of `date` and `dateAdd`.
const NAMED_FORMATS: Record<string, string> = {
  iso: "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX",
  iso_milli: "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
  iso_sec: "yyyy-MM-dd'T'HH:mm:ssXXX",
  iso_date_time: "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX",
  iso_zoned_date_time: "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX'['VV']'",
  iso_local_date_time: "yyyy-MM-dd'T'HH:mm:ss.SSSSSS",
  iso_date: 'yyyy-MM-dd',
  iso_local_date: 'yyyy-MM-dd',
  iso_time: 'HH:mm:ss.SSSSSSXXX',
  iso_local_time: 'HH:mm:ss.SSSSSS',
  sql: 'yyyy-MM-dd HH:mm:ss.SSSSSS',
  sql_milli: 'yyyy-MM-dd HH:mm:ss.SSS',
  sql_sec: 'yyyy-MM-dd HH:mm:ss',
  // Kestra's own spelling of sql_sec.
  sql_seq: 'yyyy-MM-dd HH:mm:ss',
}

const UNIT_MILLIS: Record<string, number> = {
  MILLIS: 1,
  SECONDS: 1000,
  MINUTES: 60_000,
  HOURS: 3_600_000,
  HALF_DAYS: 43_200_000,
}
const CALENDAR_UNITS: Record<string, { days?: number; months?: number }> = {
  DAYS: { days: 1 },
  WEEKS: { days: 7 },
  MONTHS: { months: 1 },
  YEARS: { months: 12 },
  DECADES: { months: 120 },
  CENTURIES: { months: 1200 },
}

interface DateOptions {
  timeZone: string
  existingFormat?: string
  locale: string
}

/** The options every date filter shares: `timeZone` (default UTC), `existingFormat`, `locale`. */
function options(named: Record<string, unknown>): DateOptions {
  const existing = named.existingFormat
  return {
    timeZone: requireString(named.timeZone ?? 'UTC', 'timeZone'),
    existingFormat: existing === undefined || existing === null ? undefined : resolveFormat(existing),
    locale: requireString(named.locale ?? 'en', 'locale'),
  }
}

function resolveFormat(format: unknown): string {
  const text = requireString(format, 'format')
  return Object.hasOwn(NAMED_FORMATS, text.toLowerCase()) ? NAMED_FORMATS[text.toLowerCase()] : text
}

function format(instant: Instant, formatArgument: unknown, settings: DateOptions): string {
  return formatPattern(instant, resolveFormat(formatArgument ?? 'iso'), settings.timeZone, settings.locale)
}

function addCalendar(
  instant: Instant,
  amount: number,
  unit: { days?: number; months?: number },
  timeZone: string,
): Instant {
  // Calendar units move the wall clock in the zone, as Java's ZonedDateTime.plus: 09:00 stays 09:00 across DST,
  // and Jan 31 + 1 month is the last day of February.
  const local = new Date(instant.epochMilli + zoneOffsetMinutes(instant.epochMilli, timeZone) * 60_000)
  if (unit.days) local.setUTCDate(local.getUTCDate() + amount * unit.days)
  if (unit.months) {
    const day = local.getUTCDate()
    local.setUTCDate(1)
    local.setUTCMonth(local.getUTCMonth() + amount * unit.months)
    const lastDay = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate()
    local.setUTCDate(Math.min(day, lastDay))
  }
  return { epochMilli: fromLocal(local.getTime(), timeZone), nanoOfMilli: instant.nanoOfMilli }
}

/**
 * Epoch seconds (Kestra's `timestamp`), milliseconds, microseconds or nanoseconds; fractions are dropped.
 * Nanoseconds exceed JavaScript's exact integer range, so they come as a string of digits (same text).
 */
function timestamp(unit: 'seconds' | 'millis' | 'micros' | 'nanos'): Filter {
  return (input, _args, named) => {
    const settings = options(named)
    const instant = toInstant(input, settings.timeZone, settings.existingFormat)
    if (unit === 'seconds') return Math.floor(instant.epochMilli / 1000)
    if (unit === 'millis') return instant.epochMilli
    if (unit === 'nanos') return String(BigInt(instant.epochMilli) * 1_000_000n + BigInt(instant.nanoOfMilli))
    return instant.epochMilli * 1000 + Math.floor(instant.nanoOfMilli / 1000)
  }
}

/** Date filters with Java (DateTimeFormatter) patterns, as Kestra's. Inputs are read by {@link toInstant}. */
export const DATE_FILTERS: Record<string, Filter> = {
  date: (input, args, named) => {
    const settings = options(named)
    const instant = toInstant(input, settings.timeZone, settings.existingFormat)
    return format(instant, argument(args, named, 0, 'format'), settings)
  },
  dateAdd: (input, args, named) => {
    const settings = options(named)
    const instant = toInstant(input, settings.timeZone, settings.existingFormat)
    const amount = requireInteger(argument(args, named, 0, 'amount'), 'amount')
    const unit = requireString(argument(args, named, 1, 'unit'), 'unit').toUpperCase()
    let result: Instant
    if (Object.hasOwn(UNIT_MILLIS, unit))
      result = { ...instant, epochMilli: instant.epochMilli + amount * UNIT_MILLIS[unit] }
    else if (Object.hasOwn(CALENDAR_UNITS, unit))
      result = addCalendar(instant, amount, CALENDAR_UNITS[unit], settings.timeZone)
    else
      fail(
        `unknown unit '${unit}' (use ${[...Object.keys(UNIT_MILLIS), ...Object.keys(CALENDAR_UNITS)].join(', ')})`,
      )
    return format(result, argument(args, named, 2, 'format'), settings)
  },
  timestamp: timestamp('seconds'),
  timestampMilli: timestamp('millis'),
  timestampMicro: timestamp('micros'),
  timestampNano: timestamp('nanos'),
}
