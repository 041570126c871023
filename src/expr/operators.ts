import { LocatedError } from './errors.ts'
import {
  getMember,
  isEqual,
  isMap,
  isNumber,
  JavaDouble,
  MISSING,
  makeNumber,
  toText,
  typeName,
  unbox,
} from './values.ts'

/** Pure binary operators (no short-circuit, no coalescing): arithmetic, comparison, `~`, `contains`, `..`. */
export function applyBinary(operator: string, left: unknown, right: unknown, maxRangeSize: number): unknown {
  switch (operator) {
    case '+':
      return add(left, right)
    case '-':
    case '*':
    case '/':
    case '%':
      return arithmetic(operator, left, right)
    case '==':
    case 'equals':
      return isEqual(left, right)
    case '!=':
      return !isEqual(left, right)
    case '<':
      return compare(left, right, operator) < 0
    case '>':
      return compare(left, right, operator) > 0
    case '<=':
      return compare(left, right, operator) <= 0
    case '>=':
      return compare(left, right, operator) >= 0
    case '~':
      return toText(left) + toText(right)
    case 'contains':
      return contains(left, right)
    case 'in':
      return contains(right, left)
    case 'not in':
      return !contains(right, left)
    case '..':
      return range(left, right, 1, maxRangeSize)
  }
  throw new LocatedError(`Unknown operator '${operator}'`, -1)
}

function add(left: unknown, right: unknown): unknown {
  if (isNumber(left) && isNumber(right)) return arithmetic('+', left, right)
  const a = unbox(left)
  const b = unbox(right)
  if (Array.isArray(a)) return Array.isArray(b) ? [...a, ...b] : [...a, b]
  if (isMap(a) && isMap(b)) return { ...a, ...b }
  if (typeof a === 'string' || typeof b === 'string') return toText(left) + toText(right)
  throw new LocatedError(`Cannot add ${typeName(left)} and ${typeName(right)}`, -1)
}

/** Java semantics: two longs give a long (`/` truncates, `%` keeps the dividend's sign); any double gives a double. */
function arithmetic(operator: string, left: unknown, right: unknown): unknown {
  if (!isNumber(left) || !isNumber(right)) {
    // Text that holds a number is common (ForEach values, inputs read as text): say how to convert it.
    const hint =
      typeof left === 'string' || typeof right === 'string' ? " (convert text with '| number')" : ''
    throw new LocatedError(`needs numbers, got ${typeName(left)} and ${typeName(right)}${hint}`, -1)
  }
  const isDouble =
    left instanceof JavaDouble ||
    right instanceof JavaDouble ||
    !Number.isInteger(left) ||
    !Number.isInteger(right)
  const a = unbox(left) as number
  const b = unbox(right) as number
  if (!isDouble && b === 0 && (operator === '/' || operator === '%'))
    throw new LocatedError('Division by zero', -1)
  switch (operator) {
    case '+':
      return makeNumber(a + b, isDouble)
    case '-':
      return makeNumber(a - b, isDouble)
    case '*':
      return makeNumber(a * b, isDouble)
    case '/':
      return isDouble ? makeNumber(a / b, true) : Math.trunc(a / b)
    default:
      return makeNumber(a % b, isDouble)
  }
}

/** Orders two numbers or two strings; anything else is a type error. */
export function compare(left: unknown, right: unknown, operator = 'compare'): number {
  const a = unbox(left)
  const b = unbox(right)
  if ((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string')) {
    return a < b ? -1 : a > b ? 1 : 0
  }
  throw new LocatedError(
    `Cannot ${operator === 'compare' ? 'compare' : `apply '${operator}' to`} ${typeName(left)} and ${typeName(right)}`,
    -1,
  )
}

function contains(container: unknown, item: unknown): boolean {
  const target = unbox(container)
  const needle = unbox(item)
  // Pebble: a list on the right means "contains all of them".
  if (Array.isArray(needle) && !Array.isArray(target)) return needle.every((one) => contains(target, one))
  if (typeof target === 'string') return target.includes(toText(needle))
  if (Array.isArray(target)) {
    if (Array.isArray(needle))
      return needle.every((one) => target.some((candidate) => isEqual(candidate, one)))
    return target.some((candidate) => isEqual(candidate, needle))
  }
  if (isMap(target)) return getMember(target, needle) !== MISSING
  if (target === null) return false
  throw new LocatedError(`'contains' needs a string, list or map on the left, got ${typeName(container)}`, -1)
}

/** Inclusive integer range, as Pebble's `range()` and `..`. */
export function range(start: unknown, end: unknown, step: unknown, maxRangeSize: number): number[] {
  const from = unbox(start)
  const to = unbox(end)
  const by = unbox(step)
  if (![from, to, by].every((value) => typeof value === 'number' && Number.isInteger(value))) {
    throw new LocatedError(
      `A range needs integers, got ${typeName(start)}, ${typeName(end)}, ${typeName(step)}`,
      -1,
    )
  }
  const [a, b, s] = [from, to, by] as number[]
  if (s === 0) throw new LocatedError('A range step cannot be 0', -1)
  const size = Math.max(0, Math.floor((b - a) / s) + 1)
  if (size > maxRangeSize)
    throw new LocatedError(`A range of ${size} items exceeds the limit of ${maxRangeSize}`, -1)
  return Array.from({ length: size }, (_, index) => a + index * s)
}
