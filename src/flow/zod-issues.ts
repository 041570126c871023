import type { z } from 'zod'
import { didYouMean } from './closest.ts'
import type { ValidationIssue } from './issues.ts'
import type { PathSegment, SourceMap } from './source-map.ts'
import { isTemplate } from './template.ts'
import { objectShape, schemaAt } from './zod-walk.ts'

type ZodIssue = z.core.$ZodIssue

const SECRET_PLACEHOLDER = Symbol('secret')

/** What a YAML value is, in words, for "expected X, got Y". */
export function describeValue(value: unknown): string {
  if (value === SECRET_PLACEHOLDER) return 'a hidden value'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a map'
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 57)}…` : value}'`
  return `${typeof value} ${String(value)}`
}

// zod's type names in the words of YAML authors.
const KIND_WORDS: Record<string, string> = {
  object: 'a map',
  record: 'a map',
  map: 'a map',
  array: 'a list',
  tuple: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
}

const kindWords = (kinds: string[]): string =>
  [...new Set(kinds.map((kind) => KIND_WORDS[kind] ?? kind))].join(' or ')

export function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let current = value
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<string, unknown>)[segment as string]
  }
  return current
}

// Properties whose values are credentials: a wrong value is described by its kind only, never shown.
const SECRET_NAME = /key|secret|password|passphrase|token|credential/i

function messageOf(issue: ZodIssue, found: unknown, relative: PathSegment[]): string {
  const secret = relative.some((segment) => typeof segment === 'string' && SECRET_NAME.test(segment))
  const value = secret && typeof found !== 'object' && found !== undefined ? SECRET_PLACEHOLDER : found
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return `missing required property '${String(relative.at(-1) ?? '')}'`
      return `expected ${kindWords([issue.expected])}, got ${describeValue(value)}`
    case 'invalid_value':
      return `expected ${issue.values.map((choice) => JSON.stringify(choice)).join(' or ')}, got ${describeValue(value)}`
    case 'invalid_union': {
      const expected = issue.errors
        .flatMap((branch) =>
          branch.filter((inner) => inner.path.length === 0 && inner.code === 'invalid_type'),
        )
        .map((inner) => (inner as { expected: string }).expected)
      if (value === undefined) return `missing required property '${String(relative.at(-1) ?? '')}'`
      if (expected.length === issue.errors.length) {
        return `expected ${kindWords(expected)}, got ${describeValue(value)}`
      }
      return `invalid value ${describeValue(value)}`
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum
      const word = issue.code === 'too_small' ? 'least' : 'most'
      const unit = issue.origin === 'string' ? ' characters long' : issue.origin === 'array' ? ' items' : ''
      const strict = issue.inclusive === false ? ' (exclusive)' : ''
      const subject = issue.origin === 'array' ? 'needs' : 'must be'
      return `${subject} at ${word} ${String(bound)}${unit}${strict}`
    }
    default:
      return issue.message
  }
}

/**
 * Turns a zod error on `value` (found at `base` in the file) into positioned issues. With `lenient`, an issue whose
 * value is a template string is dropped: templates are checked after rendering, not before. Unknown keys name the
 * closest known key.
 */
export function issuesFromZod(
  error: z.ZodError,
  context: {
    value: unknown
    schema: z.ZodType
    base: readonly PathSegment[]
    sourceMap: Pick<SourceMap, 'positionOf'>
    lenient: boolean
    /** Top-level keys that must never be templates (a task's `id` and `type`), even when lenient. */
    literalKeys?: readonly string[]
  },
): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const { value, schema, base, sourceMap } = context
  for (const issue of error.issues) {
    const relative = issue.path.filter((segment) => typeof segment !== 'symbol') as PathSegment[]
    const found = valueAt(value, relative)
    const literal = relative.length === 1 && context.literalKeys?.includes(String(relative[0]))
    if (context.lenient && !literal && isTemplate(found)) continue
    // A union whose branches failed deeper (the value had the right kind, wrong contents): report the closest branch.
    if (issue.code === 'invalid_union' && typeof found === 'object' && found !== null) {
      const deep = issue.errors.find((branch) => branch.every((inner) => inner.path.length > 0))
      if (deep) {
        const nested = { issues: deep.map((inner) => ({ ...inner, path: [...relative, ...inner.path] })) }
        issues.push(...issuesFromZod(nested as unknown as z.ZodError, context))
        continue
      }
    }
    if (issue.code === 'unrecognized_keys') {
      const known = Object.keys(objectShape(schemaAt(schema, relative) ?? schema)?.shape ?? {})
      for (const key of issue.keys) {
        issues.push({
          message: `unknown property '${key}'${didYouMean(key, known)}`,
          position: sourceMap.positionOf([...base, ...relative, key], { key: true }),
        })
      }
      continue
    }
    issues.push({
      message: messageOf(issue, found, relative),
      position: sourceMap.positionOf([...base, ...relative]),
    })
  }
  return issues
}
