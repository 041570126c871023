import { fail } from '../filters/arguments.ts'
import type { Instant } from './instant.ts'
import { fromLocal, zoneOffsetMinutes } from './instant.ts'

/** A piece of a Java DateTimeFormatter pattern: a run of one letter (`yyyy`) or literal text. */
type Piece = { letter: string; count: number } | { literal: string }

const patternCache = new Map<string, Piece[]>()

function compile(pattern: string): Piece[] {
  const cached = patternCache.get(pattern)
  if (cached) return cached
  const pieces: Piece[] = []
  let index = 0
  while (index < pattern.length) {
    const character = pattern[index]
    if (character === "'") {
      const end = pattern.indexOf("'", index + 1)
      if (end === index + 1) {
        pieces.push({ literal: "'" })
        index += 2
        continue
      }
      if (end === -1) fail(`unclosed quote in date pattern '${pattern}'`)
      pieces.push({ literal: pattern.slice(index + 1, end) })
      index = end + 1
    } else if (/[A-Za-z]/.test(character)) {
      let end = index
      while (pattern[end] === character) end++
      if (!'GyuMLdDHhKkmsSnaEeXxZzVO'.includes(character))
        fail(`unsupported letter '${character}' in date pattern`)
      pieces.push({ letter: character, count: end - index })
      index = end
    } else {
      pieces.push({ literal: character })
      index++
    }
  }
  if (patternCache.size > 500) patternCache.clear()
  patternCache.set(pattern, pieces)
  return pieces
}

const pad = (value: number, width: number) => String(value).padStart(width, '0')

function formatOffset(minutes: number, style: 'X' | 'x' | 'Z', count: number): string {
  if (minutes === 0 && (style === 'X' || (style === 'Z' && count === 5))) return 'Z'
  const sign = minutes < 0 ? '-' : '+'
  const hours = pad(Math.floor(Math.abs(minutes) / 60), 2)
  const rest = pad(Math.abs(minutes) % 60, 2)
  if (style === 'Z')
    return count === 5
      ? `${sign}${hours}:${rest}`
      : count === 4
        ? `GMT${sign}${hours}:${rest}`
        : `${sign}${hours}${rest}`
  if (count === 1) return rest === '00' ? `${sign}${hours}` : `${sign}${hours}${rest}`
  return count === 2 || count === 4 ? `${sign}${hours}${rest}` : `${sign}${hours}:${rest}`
}

function text(date: Date, locale: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(date)
}

/** Formats an instant with a Java DateTimeFormatter pattern in a time zone. */
export function formatPattern(instant: Instant, pattern: string, timeZone: string, locale: string): string {
  const offset = zoneOffsetMinutes(instant.epochMilli, timeZone)
  // The wall-clock fields in the zone, read through a UTC Date.
  const local = new Date(instant.epochMilli + offset * 60_000)
  const nanoOfSecond = local.getUTCMilliseconds() * 1e6 + instant.nanoOfMilli
  let result = ''
  for (const piece of compile(pattern)) {
    if ('literal' in piece) {
      result += piece.literal
      continue
    }
    const { letter, count } = piece
    switch (letter) {
      case 'y':
      case 'u':
        result += count === 2 ? pad(local.getUTCFullYear() % 100, 2) : pad(local.getUTCFullYear(), count)
        break
      case 'M':
      case 'L':
        result +=
          count >= 3
            ? text(local, locale, { month: count === 3 ? 'short' : 'long' })
            : pad(local.getUTCMonth() + 1, count)
        break
      case 'd':
        result += pad(local.getUTCDate(), count)
        break
      case 'D': {
        const dayOfYear =
          Math.floor((local.getTime() - Date.UTC(local.getUTCFullYear(), 0, 1)) / 86_400_000) + 1
        result += pad(dayOfYear, count)
        break
      }
      case 'H':
        result += pad(local.getUTCHours(), count)
        break
      case 'k':
        result += pad(local.getUTCHours() || 24, count)
        break
      case 'h':
        result += pad(local.getUTCHours() % 12 || 12, count)
        break
      case 'K':
        result += pad(local.getUTCHours() % 12, count)
        break
      case 'm':
        result += pad(local.getUTCMinutes(), count)
        break
      case 's':
        result += pad(local.getUTCSeconds(), count)
        break
      case 'S':
        result += pad(nanoOfSecond, 9).slice(0, count).padEnd(count, '0')
        break
      case 'n':
        result += pad(nanoOfSecond, count)
        break
      case 'a':
        result += local.getUTCHours() < 12 ? 'AM' : 'PM'
        break
      case 'E':
      case 'e':
        result += text(local, locale, { weekday: count >= 4 ? 'long' : 'short' })
        break
      case 'G':
        result += local.getUTCFullYear() > 0 ? 'AD' : 'BC'
        break
      case 'X':
      case 'x':
      case 'Z':
        result += formatOffset(offset, letter, count)
        break
      case 'O':
        result += offset === 0 ? 'GMT' : `GMT${formatOffset(offset, 'X', 3)}`
        break
      case 'V':
      case 'z':
        result += timeZone
        break
    }
  }
  return result
}

/** Reads a date in a Java pattern (numeric fields, literals and offsets); missing fields default to the epoch's. */
export function parseWithPattern(value: string, pattern: string, timeZone: string): Instant {
  const fields = {
    year: 1970,
    month: 1,
    day: 1,
    hour: 0,
    minute: 0,
    second: 0,
    nano: 0,
    pm: false,
    hasPm: false,
  }
  let offset: number | undefined
  let position = 0
  const mismatch = () => fail(`'${value}' does not match the date format '${pattern}'`)
  for (const piece of compile(pattern)) {
    if ('literal' in piece) {
      if (!value.startsWith(piece.literal, position)) mismatch()
      position += piece.literal.length
      continue
    }
    const { letter, count } = piece
    if (letter === 'X' || letter === 'x' || letter === 'Z') {
      const match = /^(Z|[+-]\d{2}(?::?\d{2})?)/.exec(value.slice(position))
      if (!match) mismatch()
      offset =
        match![1] === 'Z'
          ? 0
          : (match![1][0] === '-' ? -1 : 1) *
            (Number(match![1].slice(1, 3)) * 60 + Number(match![1].replace(':', '').slice(3, 5) || 0))
      position += match![1].length
      continue
    }
    if (letter === 'a') {
      const marker = value.slice(position, position + 2).toUpperCase()
      if (marker !== 'AM' && marker !== 'PM') mismatch()
      fields.hasPm = true
      fields.pm = marker === 'PM'
      position += 2
      continue
    }
    const digits = /^\d+/.exec(value.slice(position))?.[0]
    if (!digits) mismatch()
    // Adjacent numeric fields (`yyyyMMdd`) have a fixed width; a lone field takes all its digits.
    const taken =
      count > 1 || letter === 'S'
        ? digits!.slice(0, letter === 'y' && count !== 2 ? Math.max(count, 4) : count)
        : digits!
    position += taken.length
    const number = Number(taken)
    if (letter === 'y' || letter === 'u') fields.year = count === 2 ? 2000 + number : number
    else if (letter === 'M') fields.month = number
    else if (letter === 'd') fields.day = number
    else if (letter === 'H' || letter === 'h' || letter === 'k') fields.hour = number
    else if (letter === 'm') fields.minute = number
    else if (letter === 's') fields.second = number
    else if (letter === 'S') fields.nano = Number(taken.padEnd(9, '0'))
    else fail(`letter '${letter}' cannot be read from a date`)
  }
  if (position !== value.length) mismatch()
  if (fields.hasPm) fields.hour = (fields.hour % 12) + (fields.pm ? 12 : 0)
  const local = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second)
  const epochSecond = offset === undefined ? fromLocal(local, timeZone) : local - offset * 60_000
  return { epochMilli: epochSecond + Math.floor(fields.nano / 1e6), nanoOfMilli: fields.nano % 1e6 }
}
