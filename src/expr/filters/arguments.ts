import { LocatedError } from '../errors.ts'
import { typeName } from '../values.ts'

/** A user mistake inside a filter or function; the evaluator adds the name and the position. */
export function fail(message: string): never {
  throw new LocatedError(message, -1)
}

/** The argument at `index`, or the named argument `name`, or `fallback`. */
export function argument(
  args: unknown[],
  named: Record<string, unknown>,
  index: number,
  name: string,
  fallback?: unknown,
) {
  if (index < args.length) return args[index]
  if (Object.hasOwn(named, name)) return named[name]
  return fallback
}

export function requireString(value: unknown, what = 'input'): string {
  if (typeof value !== 'string') fail(`${what} must be a string, got ${typeName(value)}`)
  return value
}

export function requireInteger(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value))
    fail(`${what} must be an integer, got ${typeName(value)}`)
  return value
}

export function requireList(value: unknown, what = 'input'): unknown[] {
  if (!Array.isArray(value)) fail(`${what} must be a list, got ${typeName(value)}`)
  return value
}
