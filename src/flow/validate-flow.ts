import type { PluginRegistry } from '../plugins/registry.ts'
import { didYouMean } from './closest.ts'
import { coerceInputValue } from './inputs/coerce.ts'
import { flowOutputSchema, inputDefinitionSchema } from './inputs/schema.ts'
import type { ValidationIssue } from './issues.ts'
import { FLOW_KEYS, flowHeadSchema } from './language-schema.ts'
import { isPlainObject } from './plugin-defaults.ts'
import type { PathSegment, SourceMap } from './source-map.ts'
import { checkTemplates, isTemplate } from './template.ts'
import type { InputDefinition } from './types.ts'
import { PluginValidator } from './validate-plugins.ts'
import { describeValue, issuesFromZod } from './zod-issues.ts'

type Report = (message: string, path: PathSegment[], options?: { key?: boolean }) => void

/** Validates a list of `{id, …}` items (inputs, outputs) with one schema, ids unique. */
function validateIdList(
  value: unknown,
  what: 'input' | 'output',
  sourceMap: SourceMap,
  report: Report,
  issues: ValidationIssue[],
): void {
  if (value === undefined) return
  if (!Array.isArray(value)) {
    report(`expected a list of ${what}s, got ${describeValue(value)}`, [`${what}s`])
    return
  }
  const schema = what === 'input' ? inputDefinitionSchema : flowOutputSchema
  const seen = new Set<string>()
  value.forEach((item, index) => {
    const path = [`${what}s`, index]
    const parsed = schema.safeParse(item)
    if (!parsed.success) {
      issues.push(
        ...issuesFromZod(parsed.error, { value: item, schema, base: path, sourceMap, lenient: false }),
      )
      return
    }
    const id = parsed.data.id
    if (seen.has(id)) report(`duplicate ${what} id '${id}'`, [...path, 'id'])
    seen.add(id)
    const defaults = (item as Record<string, unknown>).defaults
    if (what === 'input' && defaults !== undefined && defaults !== null && !isTemplate(defaults)) {
      const converted = coerceInputValue(parsed.data as InputDefinition, defaults)
      if (!converted.ok)
        report(`default ${describeValue(defaults)} ${converted.reason}`, [...path, 'defaults'])
    }
  })
}

/**
 * Every issue of a raw flow tree (pluginDefaults already applied), each with its file position: the flow's own keys,
 * inputs and outputs, every task at any depth, triggers, nested plugin objects, duplicate task ids and the syntax of
 * every template.
 */
export function validateFlowTree(
  raw: unknown,
  registry: PluginRegistry,
  sourceMap: SourceMap,
): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const report: Report = (message, path, options) =>
    issues.push({ message, position: sourceMap.positionOf(path, options) })
  if (!isPlainObject(raw)) {
    const got = raw === null || raw === undefined ? 'the file is empty' : `got ${describeValue(raw)}`
    report(`a flow must be a YAML map with id, namespace and tasks; ${got}`, [])
    return issues
  }
  for (const key of Object.keys(raw)) {
    if (!FLOW_KEYS.includes(key))
      report(`unknown flow property '${key}'${didYouMean(key, FLOW_KEYS)}`, [key], { key: true })
  }
  const head = flowHeadSchema.safeParse(raw)
  if (!head.success) {
    issues.push(
      ...issuesFromZod(head.error, {
        value: raw,
        schema: flowHeadSchema,
        base: [],
        sourceMap,
        lenient: false,
      }),
    )
  }
  validateIdList(raw.inputs, 'input', sourceMap, report, issues)
  validateIdList(raw.outputs, 'output', sourceMap, report, issues)

  const plugins = new PluginValidator(registry, sourceMap)
  plugins.taskList(raw.tasks, ['tasks'], { required: true })
  plugins.taskList(raw.errors, ['errors'])
  plugins.taskList(raw.finally, ['finally'])
  if (raw.triggers !== undefined) {
    if (Array.isArray(raw.triggers)) {
      for (const [index, trigger] of raw.triggers.entries()) plugins.trigger(trigger, ['triggers', index])
    } else report(`expected a list of triggers, got ${describeValue(raw.triggers)}`, ['triggers'])
  }
  issues.push(...plugins.issues, ...checkTemplates(raw, [], sourceMap))
  return issues
}
