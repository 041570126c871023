import type { z } from 'zod'
import type { Plugin } from '../plugins/define.ts'
import { FlowValidationError } from './issues.ts'
import { isPlainObject } from './plugin-defaults.ts'
import { formatPath, type PathSegment } from './source-map.ts'
import type { SourcePosition } from './types.ts'
import { issuesFromZod } from './zod-issues.ts'
import { definitionOf, unwrap } from './zod-walk.ts'

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

function parseJson(text: string, want: 'array' | 'object'): unknown {
  const trimmed = text.trim()
  if (!(want === 'array' ? trimmed.startsWith('[') : trimmed.startsWith('{'))) return text
  try {
    return JSON.parse(trimmed)
  } catch {
    return text
  }
}

/**
 * Converts a rendered value towards what `schema` wants, Kestra's way (templates always render to text):
 * numeric and boolean strings become numbers and booleans, JSON text becomes arrays and objects, and numbers,
 * booleans, arrays and objects become text where a string is wanted. Values that cannot be converted are left as
 * they are, for the schema's own parse to report. Does not modify its input.
 * @example coerceToSchema(z.object({ n: z.number() }), { n: '42' }) // { n: 42 }
 */
export function coerceToSchema(schema: z.ZodType, value: unknown): unknown {
  if (value === undefined || value === null) return value
  const inner = unwrap(schema)
  const definition = definitionOf(inner)
  switch (definition.type) {
    case 'number':
      return typeof value === 'string' && NUMBER.test(value.trim()) ? Number(value) : value
    case 'boolean': {
      const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined
      return text === 'true' || text === 'false' ? text === 'true' : value
    }
    case 'string':
      if (typeof value === 'number' || typeof value === 'boolean') return String(value)
      return typeof value === 'object' ? JSON.stringify(value) : value
    case 'array': {
      const list = typeof value === 'string' ? parseJson(value, 'array') : value
      return Array.isArray(list) ? list.map((item) => coerceToSchema(definition.element!, item)) : list
    }
    case 'object': {
      const object = typeof value === 'string' ? parseJson(value, 'object') : value
      if (!isPlainObject(object)) return object
      const shape = definition.shape ?? {}
      const result: Record<string, unknown> = {}
      for (const [key, child] of Object.entries(object)) {
        const childSchema = shape[key] ?? definition.catchall
        result[key] = childSchema ? coerceToSchema(childSchema, child) : child
      }
      return result
    }
    case 'record': {
      const object = typeof value === 'string' ? parseJson(value, 'object') : value
      if (!isPlainObject(object)) return object
      return Object.fromEntries(
        Object.entries(object).map(([key, child]) => [key, coerceToSchema(definition.valueType!, child)]),
      )
    }
    case 'union': {
      const options = definition.options ?? []
      if (options.some((option) => option.safeParse(value).success)) return value
      for (const option of options) {
        const converted = coerceToSchema(option, value)
        if (option.safeParse(converted).success) return converted
      }
      return value
    }
    default:
      return value
  }
}

/**
 * What the worker does with a task's (or nested plugin's) rendered properties: `coerceToSchema`, then parse with
 * the plugin's schema. Throws a `FlowValidationError` positioned at the task (`position`), each issue naming the
 * plugin, the property path and the rendered value.
 */
export function parseTaskProps<P extends z.ZodType>(
  plugin: Plugin & { props: P },
  renderedProps: unknown,
  position: SourcePosition,
): z.output<P> {
  const coerced = coerceToSchema(plugin.props, renderedProps)
  const parsed = plugin.props.safeParse(coerced)
  if (parsed.success) return parsed.data
  // Rendered values have no place in the file: every issue points at the task, with its own path.
  const sourceMap = {
    positionOf: (path: readonly PathSegment[]) => ({ ...position, path: formatPath(path, position.path) }),
  }
  const issues = issuesFromZod(parsed.error, {
    value: coerced,
    schema: plugin.props,
    base: [],
    sourceMap,
    lenient: false,
  })
  throw new FlowValidationError(
    issues.map((issue) => ({ ...issue, message: `${plugin.type}: ${issue.message}` })),
  )
}
