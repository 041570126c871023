import { inputDefinitionSchema } from './inputs/schema.ts'
import { isPlainObject } from './plugin-defaults.ts'
import type {
  Flow,
  FlowOutput,
  InputDefinition,
  PluginDefault,
  TaskDefinition,
  TriggerDefinition,
} from './types.ts'

type Raw = Record<string, unknown>

function labelsOf(value: unknown): Record<string, string> {
  if (Array.isArray(value)) {
    return Object.fromEntries(
      value.map((entry: { key: string; value: unknown }) => [entry.key, String(entry.value)]),
    )
  }
  if (isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([key, label]) => [key, String(label)]))
  return {}
}

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : [])

/**
 * Builds the `Flow` model from a raw tree that `validateFlowTree` accepted: fills the language's defaults (labels as
 * a map, `required: true` on inputs, empty lists). Task properties are kept as written, unrendered.
 */
export function buildFlow(raw: Raw, source: string): Flow {
  const flow: Flow = {
    id: raw.id as string,
    namespace: raw.namespace as string,
    labels: labelsOf(raw.labels),
    inputs: list<unknown>(raw.inputs).map((input) => inputDefinitionSchema.parse(input) as InputDefinition),
    variables: isPlainObject(raw.variables) ? raw.variables : {},
    tasks: list<TaskDefinition>(raw.tasks),
    errors: list<TaskDefinition>(raw.errors),
    finally: list<TaskDefinition>(raw.finally),
    outputs: list<FlowOutput>(raw.outputs),
    pluginDefaults: list<PluginDefault>(raw.pluginDefaults).map((entry) => ({
      ...entry,
      forced: entry.forced ?? false,
    })),
    disabled: raw.disabled === true,
    triggers: list<TriggerDefinition>(raw.triggers),
    source,
  }
  if (typeof raw.revision === 'number') flow.revision = raw.revision
  if (typeof raw.description === 'string') flow.description = raw.description
  if (isPlainObject(raw.concurrency)) {
    flow.concurrency = { behavior: 'QUEUE', ...(raw.concurrency as { limit: number }) }
  }
  return flow
}
