import { makeNumber, typeName } from '../values.ts'
import { argument, fail, requireInteger, requireString } from './arguments.ts'
import type { Filter } from './types.ts'

const INTEGER_TYPES = new Set(['INT', 'INTEGER', 'LONG', 'BIGINTEGER', 'SHORT', 'BYTE'])
const DOUBLE_TYPES = new Set(['FLOAT', 'DOUBLE', 'BIGDECIMAL'])

/** Kestra's `number`: parses text as an integer when it is one, else as a double; `type` forces one. */
const number: Filter = (input, args, named) => {
  const type = argument(args, named, 0, 'type')
  const upperType = type === undefined ? undefined : requireString(type, 'type').toUpperCase()
  if (upperType !== undefined && !INTEGER_TYPES.has(upperType) && !DOUBLE_TYPES.has(upperType)) {
    fail(`unknown type '${type}' (use INT, LONG, FLOAT, DOUBLE, BIGDECIMAL, BIGINTEGER)`)
  }
  const text = typeof input === 'number' ? String(input) : requireString(input).trim()
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) fail(`'${text}' is not a number`)
  const value = Number(text)
  if (upperType !== undefined && INTEGER_TYPES.has(upperType)) {
    if (!Number.isInteger(value)) fail(`'${text}' is not an integer`)
    return value
  }
  const looksDouble = /[.eE]/.test(text)
  return makeNumber(value, upperType !== undefined || looksDouble)
}

function requireNumber(value: unknown): number {
  if (typeof value !== 'number') fail(`input must be a number, got ${typeName(value)}`)
  return value
}

const ROUNDING: Record<string, (value: number) => number> = {
  // Java's HALF_UP rounds halves away from zero.
  HALF_UP: (value) => Math.sign(value) * Math.round(Math.abs(value)),
  HALF_DOWN: (value) => Math.sign(value) * Math.ceil(Math.abs(value) - 0.5),
  UP: (value) => Math.sign(value) * Math.ceil(Math.abs(value)),
  DOWN: (value) => Math.trunc(value),
  CEILING: Math.ceil,
  FLOOR: Math.floor,
}

/** Number filters. */
export const NUMBER_FILTERS: Record<string, Filter> = {
  number,
  abs: (input) => Math.abs(requireNumber(input)),
  round: (input, args, named) => {
    const value = requireNumber(input)
    const precision = requireInteger(argument(args, named, 0, 'precision', 0), 'precision')
    const method = requireString(argument(args, named, 1, 'method', 'HALF_UP'), 'method').toUpperCase()
    if (!Object.hasOwn(ROUNDING, method))
      fail(`unknown method '${method}' (use ${Object.keys(ROUNDING).join(', ')})`)
    if (precision < 0 || precision > 15) fail('precision must be between 0 and 15')
    const scale = 10 ** precision
    // toPrecision removes binary noise such as 1.005 * 100 = 100.49999….
    const rounded = ROUNDING[method](Number((value * scale).toPrecision(15))) / scale
    return precision === 0 ? rounded : makeNumber(rounded, true)
  },
}
