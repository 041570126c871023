import type { TaskDefinition } from '../flow/types.ts'
import type { ExecutionSnapshot } from './messages.ts'

/**
 * The variables a template sees, Kestra's names: `flow`, `execution`, `inputs`, `outputs`, `labels`, `trigger`,
 * `envs`, `task`, `taskrun`, `parent`/`parents`, `vars` (added by the caller, rendered lazily).
 */
export interface VariableSources {
  execution: ExecutionSnapshot
  outputs: Record<string, unknown>
  task?: Pick<TaskDefinition, 'id' | 'type'>
  taskRun?: {
    id: string
    value?: string
    attemptsCount: number
    startDate: string
    parentId?: string
  }
  /** Ancestor task runs, nearest first. */
  parents?: Array<{ id: string; taskId: string; value?: string }>
}

/** Builds the plain-data variables of the expression context. */
export function buildVariables(sources: VariableSources): Record<string, unknown> {
  const { execution } = sources
  const variables: Record<string, unknown> = {
    flow: { id: execution.flowId, namespace: execution.namespace, revision: execution.flowRevision },
    execution: {
      id: execution.id,
      startDate: execution.startDate,
      state: execution.state,
      originalId: execution.originalId ?? execution.id,
    },
    inputs: execution.inputs,
    outputs: sources.outputs,
    labels: execution.labels,
    envs: environmentVariables(),
  }
  if (execution.trigger) variables.trigger = execution.trigger.variables
  if (sources.task) variables.task = { id: sources.task.id, type: sources.task.type }
  if (sources.taskRun) variables.taskrun = withoutUndefined(sources.taskRun)
  if (sources.parents && sources.parents.length > 0) {
    const parents = sources.parents.map((parent) => ({
      taskrun: withoutUndefined({ id: parent.id, value: parent.value }),
      task: { id: parent.taskId },
    }))
    variables.parents = parents
    variables.parent = parents[0]
  }
  return variables
}

let cachedEnvironment: Record<string, string> | undefined

/** Kestra's rule: `ENV_FOO_BAR=x` is `envs.foo_bar`. Read once per process. */
export function environmentVariables(): Record<string, string> {
  if (cachedEnvironment) return cachedEnvironment
  const envs: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('ENV_') && name.length > 4 && value !== undefined) {
      envs[name.slice(4).toLowerCase()] = value
    }
  }
  cachedEnvironment = envs
  return envs
}

function withoutUndefined<T extends Record<string, unknown>>(record: T): T {
  const result: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record)) if (value !== undefined) result[key] = value
  return result as T
}
