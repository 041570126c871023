import { compare } from '../operators.ts'
import { isEqual, isMap, toText, typeName } from '../values.ts'
import { argument, fail, requireInteger, requireList } from './arguments.ts'
import type { Filter } from './types.ts'

function requireMap(value: unknown): Record<string, unknown> {
  if (!isMap(value)) fail(`input must be a map, got ${typeName(value)}`)
  return value
}

/** Lists, strings and maps share the positional filters, as in Pebble. */
function sequence(value: unknown): unknown[] | string {
  if (typeof value === 'string' || Array.isArray(value)) return value
  fail(`input must be a list or a string, got ${typeName(value)}`)
}

function sorted(value: unknown, descending: boolean): unknown[] {
  const list = [...requireList(value)]
  list.sort((a, b) => (descending ? compare(b, a) : compare(a, b)))
  return list
}

/** Filters on lists and maps. */
export const COLLECTION_FILTERS: Record<string, Filter> = {
  length: (input) => {
    if (input === null) return 0
    if (isMap(input)) return Object.keys(input).length
    return sequence(input).length
  },
  first: (input) => {
    const items = sequence(input)
    return items.length === 0 ? null : items[0]
  },
  last: (input) => {
    const items = sequence(input)
    return items.length === 0 ? null : items[items.length - 1]
  },
  join: (input, args, named) => {
    const separator = toText(argument(args, named, 0, 'separator', ''))
    return requireList(input).map(toText).join(separator)
  },
  slice: (input, args, named) => {
    const items = sequence(input)
    const from = requireInteger(argument(args, named, 0, 'fromIndex', 0), 'fromIndex')
    const to = requireInteger(argument(args, named, 1, 'toIndex', items.length), 'toIndex')
    if (from < 0 || to > items.length || from > to)
      fail(`indexes ${from}..${to} are out of bounds for length ${items.length}`)
    return items.slice(from, to)
  },
  sort: (input) => sorted(input, false),
  rsort: (input) => sorted(input, true),
  reverse: (input) =>
    typeof input === 'string' ? [...input].reverse().join('') : [...requireList(input)].reverse(),
  keys: (input) => Object.keys(requireMap(input)),
  values: (input) => Object.values(requireMap(input)),
  merge: (input, args, named) => {
    const other = argument(args, named, 0, 'items')
    if (Array.isArray(input)) return [...input, ...requireList(other, 'items')]
    return { ...requireMap(input), ...requireMap(other) }
  },
  flatten: (input) => requireList(input).flatMap((item) => (Array.isArray(item) ? item : [item])),
  distinct: (input) => {
    const result: unknown[] = []
    for (const item of requireList(input)) if (!result.some((seen) => isEqual(seen, item))) result.push(item)
    return result
  },
  chunk: (input, args, named) => {
    const list = requireList(input)
    const size = requireInteger(argument(args, named, 0, 'size'), 'size')
    if (size < 1) fail('size must be at least 1')
    const chunks: unknown[][] = []
    for (let index = 0; index < list.length; index += size) chunks.push(list.slice(index, index + size))
    return chunks
  },
}
