import type { PluginDefault, PluginObject } from './types.ts'

type PlainObject = Record<string, unknown>

/** True for a plain data object (YAML map), not an array or null. */
export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `io.kestra.plugin.ai` matches `io.kestra.plugin.ai.provider.OpenAI`; a full type matches itself. */
export function matchesTypePrefix(type: string, prefix: string): boolean {
  return type === prefix || type.startsWith(prefix.endsWith('.') ? prefix : `${prefix}.`)
}

/** Deep merge where `over` wins; maps merge key by key, anything else (lists included) is replaced. */
function mergeDeep(under: unknown, over: unknown): unknown {
  if (!isPlainObject(under) || !isPlainObject(over)) return over === undefined ? under : over
  const merged: PlainObject = { ...under }
  for (const [key, value] of Object.entries(over)) merged[key] = mergeDeep(under[key], value)
  return merged
}

/**
 * Orders pluginDefaults by precedence, closest first: the flow's own, then the global config's; within each, the
 * more specific type prefix first. This is the order `applyPluginDefaults` expects.
 */
export function orderPluginDefaults(
  flowDefaults: readonly PluginDefault[],
  globalDefaults: readonly PluginDefault[] = [],
): PluginDefault[] {
  const bySpecificity = (list: readonly PluginDefault[]) =>
    [...list].sort((a, b) => b.type.length - a.type.length)
  return [...bySpecificity(flowDefaults), ...bySpecificity(globalDefaults)]
}

/**
 * Applies pluginDefaults to one typed object, Kestra's way. `defaults` is in precedence order, closest first (see
 * `orderPluginDefaults`); those whose `type` is a prefix of the object's type apply.
 * - Non-forced values only fill what the object does not set (maps merge deeply); the closest default wins.
 * - Forced values override the object's own; the outermost forced default wins (a global forced default cannot be
 *   undone by a flow), as in Kestra ≥ 1.3.22.
 * Returns a new object; the input is not modified.
 * @example applyPluginDefaults({ type: 'a.B', x: 1 }, [{ type: 'a', values: { x: 2, y: 3 }, forced: false }])
 * // { type: 'a.B', x: 1, y: 3 }
 */
export function applyPluginDefaults<T extends PluginObject>(
  object: T,
  defaults: readonly PluginDefault[],
): T {
  const matching = defaults.filter((entry) => matchesTypePrefix(object.type, entry.type))
  if (matching.length === 0) return object
  let result: unknown = object
  for (const entry of matching.filter((candidate) => !candidate.forced))
    result = mergeDeep(entry.values, result)
  for (const entry of matching.filter((candidate) => candidate.forced))
    result = mergeDeep(result, entry.values)
  return { ...(result as T), type: object.type }
}

/**
 * Applies pluginDefaults to every typed object of a raw flow tree: every task (at any depth) and every nested object
 * whose `type` `isPluginType` accepts (AI providers, tools, memories, triggers…). Objects brought in by a default
 * get their own defaults too. Returns a new tree.
 */
export function applyPluginDefaultsDeep(
  value: unknown,
  defaults: readonly PluginDefault[],
  isPluginType: (type: string) => boolean,
): unknown {
  if (defaults.length === 0) return value
  if (Array.isArray(value)) return value.map((item) => applyPluginDefaultsDeep(item, defaults, isPluginType))
  if (!isPlainObject(value)) return value
  const typed =
    typeof value.type === 'string' && isPluginType(value.type)
      ? applyPluginDefaults(value as PluginObject, defaults)
      : value
  const result: PlainObject = {}
  for (const [key, child] of Object.entries(typed)) {
    result[key] = applyPluginDefaultsDeep(child, defaults, isPluginType)
  }
  return result
}
