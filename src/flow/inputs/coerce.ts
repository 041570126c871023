import { existsSync } from 'node:fs'
import YAML from 'yaml'
import { parseDuration } from '../duration.ts'
import type { InputDefinition, InputType } from '../types.ts'

/** What a value converts to, or why it does not. */
export type Coerced = { ok: true; value: unknown } | { ok: false; reason: string }

const ok = (value: unknown): Coerced => ({ ok: true, value })
const fail = (reason: string): Coerced => ({ ok: false, reason })

const INTEGER = /^[+-]?\d+$/
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(\.\d{1,9})?)?$/
const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i
// Practical address check: something@domain.tld, no spaces; RFC 5322 in full accepts far more than users mean.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const URI_SCHEMES_FOR_FILES = /^(verity|nsfile|file|kestra|https?):\/\//

function toNumber(value: unknown, integer: boolean): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  if (!(integer ? INTEGER : DECIMAL).test(text)) return undefined
  const number = Number(text)
  return integer && !Number.isSafeInteger(number) ? undefined : number
}

function checkBounds(number: number, definition: InputDefinition): Coerced {
  const min = typeof definition.min === 'number' ? definition.min : undefined
  const max = typeof definition.max === 'number' ? definition.max : undefined
  if (min !== undefined && number < min) return fail(`must be at least ${min}`)
  if (max !== undefined && number > max) return fail(`must be at most ${max}`)
  return ok(number)
}

function parseText(value: unknown, format: 'JSON' | 'YAML'): Coerced {
  if (typeof value !== 'string') return ok(value)
  try {
    return ok(format === 'JSON' ? JSON.parse(value) : YAML.parse(value, { maxAliasCount: 100 }))
  } catch (error) {
    return fail(`is not valid ${format} (${(error as Error).message.split('\n')[0]})`)
  }
}

/** A list given as a JSON array text, a comma-separated text, or an array. */
function toList(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text)
      return Array.isArray(parsed) ? parsed : undefined
    } catch {
      return undefined
    }
  }
  return text === '' ? [] : text.split(',').map((item) => item.trim())
}

function checkChoice(choice: unknown, definition: InputDefinition): Coerced {
  const values = definition.values ?? []
  if (typeof choice !== 'string') return fail(`must be one of ${values.join(', ')}`)
  if (values.includes(choice) || definition.allowCustomValue === true) return ok(choice)
  return fail(`must be one of ${values.join(', ')}`)
}

function checkString(value: unknown, definition: InputDefinition): Coerced {
  if (typeof value === 'object' && value !== null) return fail('must be text')
  const text = String(value)
  if (typeof definition.minLength === 'number' && text.length < definition.minLength) {
    return fail(`must be at least ${definition.minLength} characters long`)
  }
  if (typeof definition.maxLength === 'number' && text.length > definition.maxLength) {
    return fail(`must be at most ${definition.maxLength} characters long`)
  }
  if (typeof definition.validator === 'string' && !new RegExp(`^(?:${definition.validator})$`).test(text)) {
    return fail(`must match ${definition.validator}`)
  }
  return ok(text)
}

function checkDate(text: string): Coerced {
  const match = DATE.exec(text)
  if (!match) return fail('must be a date as YYYY-MM-DD')
  const date = new Date(`${text}T00:00:00Z`)
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(match[3]))
    return fail('is not a calendar date')
  return ok(text)
}

function checkOrder(value: string, definition: InputDefinition, compare: (a: string, b: string) => number) {
  if (typeof definition.after === 'string' && compare(value, definition.after) <= 0) {
    return fail(`must be after ${definition.after}`)
  }
  if (typeof definition.before === 'string' && compare(value, definition.before) >= 0) {
    return fail(`must be before ${definition.before}`)
  }
  return ok(value)
}

const byTime = (a: string, b: string) => Date.parse(a) - Date.parse(b)
const byText = (a: string, b: string) => a.localeCompare(b)

function coerceTyped(type: InputType, value: unknown, definition: InputDefinition): Coerced {
  const text = typeof value === 'string' ? value.trim() : undefined
  switch (type) {
    case 'STRING':
    case 'SECRET':
      return checkString(value, definition)
    case 'INT':
    case 'FLOAT': {
      const number = toNumber(value, type === 'INT')
      if (number === undefined) return fail(type === 'INT' ? 'must be an integer' : 'must be a number')
      return checkBounds(number, definition)
    }
    case 'BOOLEAN':
    case 'BOOL': {
      if (typeof value === 'boolean') return ok(value)
      if (text?.toLowerCase() === 'true') return ok(true)
      if (text?.toLowerCase() === 'false') return ok(false)
      return fail('must be true or false')
    }
    case 'SELECT':
    case 'ENUM':
      return checkChoice(value, definition)
    case 'MULTISELECT': {
      const list = toList(value)
      if (!list) return fail('must be a list of choices')
      for (const item of list) {
        const checked = checkChoice(item, definition)
        if (!checked.ok) return fail(`item '${String(item)}' ${checked.reason}`)
      }
      return ok(list)
    }
    case 'ARRAY': {
      const list = toList(value)
      if (!list) return fail('must be a list (JSON array or comma-separated)')
      const itemType = definition.itemType ?? 'STRING'
      const items: unknown[] = []
      for (const [index, item] of list.entries()) {
        const converted = coerceTyped(itemType, item, { ...definition, type: itemType })
        if (!converted.ok) return fail(`item ${index} ${converted.reason} (${itemType})`)
        items.push(converted.value)
      }
      return ok(items)
    }
    case 'JSON':
    case 'YAML':
      return parseText(value, type)
    case 'DATETIME': {
      if (text === undefined || !DATETIME.test(text)) return fail('must be an ISO-8601 date-time')
      const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text)
      // No offset given: UTC, so the same input means the same instant on every machine.
      const instant = new Date(hasZone ? text : `${text}Z`)
      if (Number.isNaN(instant.getTime())) return fail('must be an ISO-8601 date-time')
      return checkOrder(instant.toISOString(), definition, byTime)
    }
    case 'DATE': {
      const checked = text === undefined ? fail('must be a date as YYYY-MM-DD') : checkDate(text)
      return checked.ok ? checkOrder(checked.value as string, definition, byText) : checked
    }
    case 'TIME': {
      const match = text === undefined ? null : TIME.exec(text)
      if (!match) return fail('must be a time as HH:MM or HH:MM:SS')
      return checkOrder(`${match[1]}:${match[2]}:${match[3] ?? '00'}${match[4] ?? ''}`, definition, byText)
    }
    case 'DURATION': {
      const milliseconds = text === undefined ? undefined : parseDuration(text)
      if (milliseconds === undefined) return fail('must be an ISO-8601 duration such as PT30S')
      const bound = (limit: unknown) => (typeof limit === 'string' ? parseDuration(limit) : undefined)
      const min = bound(definition.min)
      const max = bound(definition.max)
      if (min !== undefined && milliseconds < min) return fail(`must be at least ${definition.min}`)
      if (max !== undefined && milliseconds > max) return fail(`must be at most ${definition.max}`)
      return ok(text!.toUpperCase())
    }
    case 'URI': {
      if (text === undefined || !URL.canParse(text)) return fail('must be an absolute URI such as https://…')
      return ok(text)
    }
    case 'EMAIL':
      return text !== undefined && EMAIL.test(text) ? ok(text) : fail('must be an email address')
    case 'FILE': {
      if (text === undefined || text === '') return fail('must be a file path or URI')
      if (URI_SCHEMES_FOR_FILES.test(text) || existsSync(text)) return ok(text)
      return fail('is neither an existing file nor a file URI')
    }
  }
}

/**
 * Converts one input value to its declared type, Kestra's way: text from the CLI (`--input n=42`) becomes a
 * number, boolean, list, parsed JSON/YAML…; dates are normalised (DATETIME to UTC ISO-8601, TIME to HH:MM:SS).
 */
export function coerceInputValue(definition: InputDefinition, value: unknown): Coerced {
  return coerceTyped(definition.type, value, definition)
}
