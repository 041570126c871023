import { randomUUID } from 'node:crypto'
import { parse as parseYaml } from 'yaml'
import { formatPattern } from './dates/pattern.ts'
import { argument, fail, requireString } from './filters/arguments.ts'
import { isTemplate } from './lexer.ts'
import { compare, range } from './operators.ts'
import type { Runtime } from './runtime.ts'
import { toJson } from './values.ts'

/** A built-in function: `name(args…, named=…)`. Arguments arrive unboxed. */
export type BuiltinFunction = (args: unknown[], named: Record<string, unknown>, runtime: Runtime) => unknown

function parseJson(args: unknown[], named: Record<string, unknown>): unknown {
  const text = requireString(argument(args, named, 0, 'json'), 'argument')
  try {
    return JSON.parse(text)
  } catch (error) {
    fail(`invalid JSON: ${(error as Error).message}`)
  }
}

function parseYamlText(args: unknown[], named: Record<string, unknown>): unknown {
  const text = requireString(argument(args, named, 0, 'yaml'), 'argument')
  try {
    return parseYaml(text, { maxAliasCount: 100 })
  } catch (error) {
    fail(`invalid YAML: ${(error as Error).message}`)
  }
}

function extreme(sign: 1 | -1): BuiltinFunction {
  return (args) => {
    const values = args.length === 1 && Array.isArray(args[0]) ? args[0] : args
    if (values.length === 0) fail('needs at least one value')
    return values.reduce((best, value) => (compare(value, best) * sign > 0 ? value : best))
  }
}

/**
 * Built-in functions. `kv()`, `secret()` and other engine services are host functions passed in the
 * context; they are looked up after these. A null-prototype object, so only these names resolve.
 */
export const FUNCTIONS: Record<string, BuiltinFunction> = Object.assign(Object.create(null), {
  now: (_args: unknown[], named: Record<string, unknown>) => {
    const timeZone = requireString(named.timeZone ?? 'UTC', 'timeZone')
    const instant = { epochMilli: Date.now(), nanoOfMilli: 0 }
    return formatPattern(instant, "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX", timeZone, 'en')
  },
  uuid: () => randomUUID(),
  json: parseJson,
  fromJson: parseJson,
  yaml: parseYamlText,
  fromYaml: parseYamlText,
  // Pebble's range is inclusive of its end.
  range: (args: unknown[], named: Record<string, unknown>, runtime: Runtime) =>
    range(
      argument(args, named, 0, 'start'),
      argument(args, named, 1, 'end'),
      argument(args, named, 2, 'step', 1),
      runtime.limits.maxRangeSize,
    ),
  max: extreme(1),
  min: extreme(-1),
  render: async (args: unknown[], named: Record<string, unknown>, runtime: Runtime) => {
    const value = argument(args, named, 0, 'template')
    if (typeof value !== 'string') return value
    let template = value
    // Kestra's `recursive` (default true) renders again while the result is still a template.
    const recursive = argument(args, named, 1, 'recursive', true) !== false
    let result = await runtime.renderNested(template)
    for (let round = 1; recursive && result !== template && isTemplate(result); round++) {
      if (round >= runtime.limits.maxDepth) fail(`still a template after ${round} rounds`)
      template = result
      result = await runtime.renderNested(template)
    }
    return result
  },
  printContext: (_args: unknown[], _named: Record<string, unknown>, runtime: Runtime) =>
    toJson(runtime.variables),
})
