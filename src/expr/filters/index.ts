import { isEmpty } from '../tests.ts'
import { argument } from './arguments.ts'
import { COLLECTION_FILTERS } from './collections.ts'
import { DATE_FILTERS } from './dates.ts'
import { ENCODING_FILTERS } from './encoding.ts'
import { jq } from './jq.ts'
import { NUMBER_FILTERS } from './numbers.ts'
import { STRING_FILTERS } from './strings.ts'
import type { Filter } from './types.ts'

export type { Filter } from './types.ts'

// Pebble: the fallback replaces undefined, null and empty values. The evaluator passes undefined as null.
const defaultFilter: Filter = (input, args, named) =>
  isEmpty(input) ? argument(args, named, 0, 'default', null) : input

/** Every built-in filter by name. A null-prototype object, so only these names resolve. */
export const FILTERS: Record<string, Filter> = Object.assign(Object.create(null), {
  ...STRING_FILTERS,
  ...COLLECTION_FILTERS,
  ...NUMBER_FILTERS,
  ...ENCODING_FILTERS,
  ...DATE_FILTERS,
  default: defaultFilter,
  jq,
})
