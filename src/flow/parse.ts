import type { PluginRegistry } from '../plugins/registry.ts'
import { buildFlow } from './build-flow.ts'
import { FlowValidationError, sortIssues, type ValidationIssue } from './issues.ts'
import { pluginDefaultSchema } from './language-schema.ts'
import { applyPluginDefaultsDeep, isPlainObject, orderPluginDefaults } from './plugin-defaults.ts'
import { parseYaml } from './source-map.ts'
import type { Flow, PluginDefault } from './types.ts'
import { validateFlowTree } from './validate-flow.ts'

/** Options of `parseFlow` / `validateFlowSource`. */
export interface ParseFlowOptions {
  /** Shown in every error position; a path or a name such as `<api>`. */
  file: string
  registry: PluginRegistry
  /** The global config's pluginDefaults (the flow's own come from the flow). */
  pluginDefaults?: readonly PluginDefault[]
}

/** Keys holding typed objects that pluginDefaults apply to. */
const TYPED_SUBTREES = ['tasks', 'errors', 'finally', 'triggers']

function flowDefaults(raw: Record<string, unknown>): PluginDefault[] {
  if (!Array.isArray(raw.pluginDefaults)) return []
  // Invalid entries are reported by validation; only the well-formed ones are applied meanwhile.
  return raw.pluginDefaults.flatMap((entry) => {
    const parsed = pluginDefaultSchema.safeParse(entry)
    return parsed.success ? [parsed.data as PluginDefault] : []
  })
}

function withDefaults(raw: unknown, options: ParseFlowOptions): unknown {
  if (!isPlainObject(raw)) return raw
  const defaults = orderPluginDefaults(flowDefaults(raw), options.pluginDefaults ?? [])
  const isPluginType = (type: string) => options.registry.get(type) !== undefined
  const result = { ...raw }
  for (const key of TYPED_SUBTREES) {
    if (key in raw) result[key] = applyPluginDefaultsDeep(raw[key], defaults, isPluginType)
  }
  return result
}

function parseAndValidate(
  source: string,
  options: ParseFlowOptions,
): { raw: unknown; issues: ValidationIssue[] } {
  const { value, sourceMap } = parseYaml(source, options.file)
  const raw = withDefaults(value, options)
  return { raw, issues: sortIssues(validateFlowTree(raw, options.registry, sourceMap)) }
}

/**
 * Parses and validates a flow's YAML: pluginDefaults (the flow's, then the global ones) are applied to every task and
 * nested plugin object, then everything is checked against the language and the registry's plugins.
 * Throws a `FlowValidationError` listing every issue with file:line:column and YAML path.
 * @example const flow = parseFlow(readFileSync('hello.yaml', 'utf8'), { file: 'hello.yaml', registry })
 */
export function parseFlow(source: string, options: ParseFlowOptions): Flow {
  const { raw, issues } = parseAndValidate(source, options)
  if (issues.length > 0) throw new FlowValidationError(issues)
  return buildFlow(raw as Record<string, unknown>, source)
}

/** Like `parseFlow` but returns the issues (empty when the flow is valid) instead of throwing. */
export function validateFlowSource(source: string, options: ParseFlowOptions): ValidationIssue[] {
  try {
    return parseAndValidate(source, options).issues
  } catch (error) {
    if (error instanceof FlowValidationError) return error.issues
    throw error
  }
}
