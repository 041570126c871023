/**
 * The flow model: what a validated Kestra-syntax YAML flow becomes.
 * Task properties stay unrendered (templates are rendered by the engine at run time).
 */

/** Where something is in a YAML file, for error messages: `file:line:column` plus the YAML path. */
export interface SourcePosition {
  file: string
  line: number
  column: number
  /** YAML path, e.g. `tasks[1].provider.apiKey`. */
  path: string
  /** Where the located node ends (exclusive), when known: lets editors underline the whole value. */
  endLine?: number
  endColumn?: number
}

export type InputType =
  | 'STRING'
  | 'INT'
  | 'FLOAT'
  | 'BOOLEAN'
  | 'BOOL'
  | 'SELECT'
  | 'MULTISELECT'
  | 'ENUM'
  | 'ARRAY'
  | 'JSON'
  | 'YAML'
  | 'DATETIME'
  | 'DATE'
  | 'TIME'
  | 'DURATION'
  | 'URI'
  | 'EMAIL'
  | 'SECRET'
  | 'FILE'

export interface InputDefinition {
  id: string
  type: InputType
  description?: string
  displayName?: string
  /** Kestra's default: true. */
  required: boolean
  defaults?: unknown
  /** SELECT / MULTISELECT / ENUM choices. */
  values?: string[]
  /** ARRAY item type. */
  itemType?: InputType
  [property: string]: unknown
}

export type RetryPolicy = {
  type: 'constant' | 'exponential' | 'random'
  maxAttempt?: number
  /** ISO-8601 duration. */
  interval?: string
  maxInterval?: string
  minInterval?: string
  delayFactor?: number
  maxDuration?: string
  warningOnRetry?: boolean
}

/** Properties every task has, handled once by the engine (never per plugin). */
export interface TaskCommon {
  id: string
  type: string
  description?: string
  disabled?: boolean
  /** Expression; the task is SKIPPED when it renders false-ish. */
  runIf?: string
  /** ISO-8601 duration. */
  timeout?: string
  retry?: RetryPolicy
  allowFailure?: boolean
  allowWarning?: boolean
  logLevel?: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR'
}

/** A task as written in the flow (pluginDefaults applied), plugin-specific properties unrendered. */
export interface TaskDefinition extends TaskCommon {
  [property: string]: unknown
}

/** A nested typed object (AI provider, tool, memory, trigger…): `type` plus its properties. */
export interface PluginObject {
  type: string
  [property: string]: unknown
}

export interface PluginDefault {
  /** Type prefix: `io.kestra.plugin.ai` matches every AI plugin. */
  type: string
  values: Record<string, unknown>
  /** When true the values override the flow's own (Kestra semantics). */
  forced: boolean
}

export interface FlowOutput {
  id: string
  type: string
  value: unknown
  description?: string
}

export interface TriggerDefinition extends PluginObject {
  id: string
}

export interface Flow {
  id: string
  namespace: string
  /** Set when the flow comes from the store. */
  revision?: number
  description?: string
  labels: Record<string, string>
  inputs: InputDefinition[]
  variables: Record<string, unknown>
  tasks: TaskDefinition[]
  errors: TaskDefinition[]
  finally: TaskDefinition[]
  outputs: FlowOutput[]
  pluginDefaults: PluginDefault[]
  disabled: boolean
  triggers: TriggerDefinition[]
  concurrency?: { limit: number; behavior?: 'QUEUE' | 'CANCEL' | 'FAIL' }
  /** The YAML text the flow was parsed from. */
  source: string
}
