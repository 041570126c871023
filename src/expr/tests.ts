import { LocatedError } from './errors.ts'
import { isMap, MISSING, typeName, unbox } from './values.ts'

/** Names accepted after `is`; the parser rejects any other. */
export const TEST_NAMES: readonly string[] = [
  'defined',
  'null',
  'empty',
  'even',
  'odd',
  'iterable',
  'map',
  'string',
  'number',
]

/** Pebble's `is` tests. `defined` receives MISSING for an undefined variable; the others never do. */
export function runTest(name: string, input: unknown): boolean {
  const value = unbox(input)
  switch (name) {
    case 'defined':
      return value !== MISSING
    case 'null':
      return value === null
    case 'empty':
      return isEmpty(value)
    case 'even':
    case 'odd': {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        throw new LocatedError(`needs an integer, got ${typeName(value)}`, -1)
      }
      return (Math.abs(value) % 2 === 0) === (name === 'even')
    }
    case 'iterable':
      return Array.isArray(value) || isMap(value)
    case 'map':
      return isMap(value)
    case 'string':
      return typeof value === 'string'
    case 'number':
      return typeof value === 'number'
  }
  throw new LocatedError(`Unknown test '${name}'`, -1)
}

/** Pebble's emptiness: null, empty string, empty list, empty map. */
export function isEmpty(value: unknown): boolean {
  const plain = unbox(value)
  if (plain === null || plain === undefined || plain === MISSING || plain === '') return true
  if (Array.isArray(plain)) return plain.length === 0
  if (isMap(plain)) return Object.keys(plain).length === 0
  return false
}
