import { globalRegistry, type z } from 'zod'
import type { PathSegment } from './source-map.ts'

/** Just enough of zod v4's internal definition to walk schemas. */
interface Definition {
  type: string
  innerType?: z.ZodType
  in?: z.ZodType
  out?: z.ZodType
  getter?: () => z.ZodType
  shape?: Record<string, z.ZodType>
  catchall?: z.ZodType
  element?: z.ZodType
  valueType?: z.ZodType
  options?: z.ZodType[]
  left?: z.ZodType
  right?: z.ZodType
}

/** zod v4 keeps each schema's definition under `_zod.def`. */
export function definitionOf(schema: z.ZodType): Definition {
  return (schema as unknown as { _zod: { def: Definition } })._zod.def
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional'])

/** Strips wrappers (optional, default, lazy, the input side of pipes and transforms) down to the shape. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema
  for (let depth = 0; depth < 50; depth++) {
    const definition = definitionOf(current)
    if (WRAPPERS.has(definition.type) && definition.innerType) current = definition.innerType
    else if (definition.type === 'lazy' && definition.getter) current = definition.getter()
    else if (definition.type === 'pipe' && definition.in) {
      // `.transform()` is a pipe whose input side is what the author writes.
      current =
        definitionOf(definition.in).type === 'transform' && definition.out ? definition.out : definition.in
    } else return current
  }
  return current
}

/** The properties an object schema (or a union/intersection of them) declares, and whether it accepts others. */
export function objectShape(
  schema: z.ZodType,
): { shape: Record<string, z.ZodType>; open: boolean } | undefined {
  const inner = unwrap(schema)
  const definition = definitionOf(inner)
  if (definition.type === 'object' && definition.shape) {
    const catchall = definition.catchall ? definitionOf(definition.catchall).type : undefined
    return { shape: definition.shape, open: catchall !== undefined && catchall !== 'never' }
  }
  const parts =
    definition.type === 'union'
      ? (definition.options ?? [])
      : definition.type === 'intersection'
        ? [definition.left!, definition.right!]
        : []
  const shapes = parts.map(objectShape).filter((shape) => shape !== undefined)
  if (shapes.length === 0) return undefined
  return {
    shape: Object.assign({}, ...shapes.map((part) => part.shape)),
    open: shapes.some((part) => part.open),
  }
}

/** The schema that applies at `path` inside `schema`, when it can be told without the value. */
export function schemaAt(schema: z.ZodType, path: readonly PathSegment[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema
  for (const segment of path) {
    if (!current) return undefined
    const inner = unwrap(current)
    const definition = definitionOf(inner)
    if (definition.type === 'array') current = definition.element
    else if (definition.type === 'record') current = definition.valueType
    else current = objectShape(inner)?.shape[String(segment)]
  }
  return current
}

/** The component category a `componentRef()` slot expects, looking through optional/default wrappers. */
export function componentCategoryOf(schema: z.ZodType): string | undefined {
  let current = schema
  for (let depth = 0; depth < 50; depth++) {
    const category = globalRegistry.get(current)?.verityComponent
    if (typeof category === 'string') return category
    const definition = definitionOf(current)
    if (!WRAPPERS.has(definition.type) || !definition.innerType) return undefined
    current = definition.innerType
  }
  return undefined
}
