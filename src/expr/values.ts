/**
 * Runtime values of the expression language and the safe ways to look into them.
 * Values are plain data: null, booleans, numbers, strings, arrays and plain objects (maps).
 * Lookups use own properties only, so no prototype, constructor or host function is ever reachable.
 */

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** Keys that never resolve and may never be written: the doors to prototypes. */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key)
}

/**
 * A Java double whose value is integral (`2.0`): JavaScript has one number type, so this box keeps
 * Pebble's long/double distinction alive through arithmetic (`10 / 4.0` is `2.5`, `2.0 + 1` prints `3.0`).
 * Non-integral numbers need no box: they can only be doubles. Boxes never leave the evaluator.
 */
export class JavaDouble {
  readonly value: number
  constructor(value: number) {
    this.value = value
  }
}

/** A number as the evaluator keeps it: a double stays boxed when integral. */
export function makeNumber(value: number, isDouble: boolean): number | JavaDouble {
  return isDouble && Number.isInteger(value) ? new JavaDouble(value) : value
}

/** Removes evaluator-internal boxes (deeply for lists and maps built by the template) before data leaves. */
export function unbox(value: unknown): unknown {
  return value instanceof JavaDouble ? value.value : value
}

/** True for a plain map: an object that is not an array, not null, and not a class instance. */
export function isMap(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

export function isNumber(value: unknown): value is number | JavaDouble {
  return typeof value === 'number' || value instanceof JavaDouble
}

/** Sentinel for "no such value": the evaluator turns it into an undefined-variable error unless guarded. */
export const MISSING: unique symbol = Symbol('missing')

/** Own-property lookup in a map, or index lookup in a list or string; MISSING when absent. */
export function getMember(target: unknown, key: unknown): unknown {
  const plainKey = unbox(key)
  if (Array.isArray(target)) {
    const index =
      typeof plainKey === 'number' ? plainKey : typeof plainKey === 'string' ? Number(plainKey) : Number.NaN
    if (!Number.isInteger(index)) return MISSING
    const position = index < 0 ? target.length + index : index
    return position >= 0 && position < target.length ? target[position] : MISSING
  }
  if (isMap(target)) {
    const name = String(plainKey)
    if (isForbiddenKey(name)) return MISSING
    // Data properties only: an accessor would run host code.
    const descriptor = Object.getOwnPropertyDescriptor(target, name)
    if (!descriptor || !('value' in descriptor)) return MISSING
    const value = descriptor.value
    return typeof value === 'function' || value === undefined ? MISSING : value
  }
  return MISSING
}

/**
 * Pebble's truthiness, as `{% if %}` uses it: false, null, 0, empty string, list or map are false; everything
 * else is true. Exported for conditions the engine evaluates (`runIf`, If).
 */
export function isTruthy(value: unknown): boolean {
  const plain = unbox(value)
  if (plain === null || plain === undefined || plain === false) return false
  if (plain === 0 || plain === '') return false
  if (Array.isArray(plain)) return plain.length > 0
  if (isMap(plain)) return Object.keys(plain).length > 0
  return true
}

/** Java's Double.toString: `2.0`, `0.5`, `1.0E10`, `1.0E-4`. */
function formatDouble(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity'
  const magnitude = Math.abs(value)
  if (magnitude !== 0 && (magnitude >= 1e7 || magnitude < 1e-3)) {
    const [mantissa, exponent] = value.toExponential().split('e')
    return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${exponent.replace('+', '')}`
  }
  return Number.isInteger(value) ? `${value}.0` : String(value)
}

/** JSON text of a value, with boxes unwrapped. */
export function toJson(value: unknown, indent?: number): string {
  return (
    JSON.stringify(value, (_key, item) => (item instanceof JavaDouble ? item.value : item), indent) ?? 'null'
  )
}

/** A value as printed by `{{ }}`: null as empty, integers without `.0`, lists and maps as JSON. */
export function toText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (value instanceof JavaDouble) return formatDouble(value.value)
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatDouble(value)
  if (typeof value === 'boolean') return String(value)
  return toJson(value)
}

/** Deep equality with Java's number widening (`1 == 1.0`). */
export function isEqual(left: unknown, right: unknown): boolean {
  const a = unbox(left)
  const b = unbox(right)
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, index) => isEqual(item, b[index]))
  if (isMap(a) && isMap(b)) {
    const keys = Object.keys(a)
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && isEqual(a[key], b[key]))
    )
  }
  return false
}

/** A short type name for error messages. */
export function typeName(value: unknown): string {
  const plain = unbox(value)
  if (plain === null || plain === undefined) return 'null'
  if (Array.isArray(plain)) return 'list'
  if (isMap(plain)) return 'map'
  return typeof plain
}
