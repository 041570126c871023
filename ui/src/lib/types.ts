/** The REST API's shapes the UI reads (Kestra-compatible, see src/server/api/serialize.ts). */

export type StateName =
  | 'CREATED'
  | 'QUEUED'
  | 'RUNNING'
  | 'PAUSED'
  | 'RETRYING'
  | 'SUCCESS'
  | 'WARNING'
  | 'FAILED'
  | 'KILLING'
  | 'KILLED'
  | 'CANCELLED'
  | 'SKIPPED'

export interface State {
  current: StateName
  histories: { state: StateName; date: string }[]
  startDate: string
  endDate?: string
  duration?: string
}

export interface FlowInput {
  id: string
  type: string
  description?: string
  required?: boolean
  defaults?: unknown
  values?: string[]
  allowCustomValue?: boolean
}

export interface TaskDef {
  id: string
  type: string
  tasks?: TaskDef[]
  then?: TaskDef[]
  else?: TaskDef[]
  cases?: Record<string, TaskDef[]>
  defaults?: TaskDef[]
  errors?: TaskDef[]
  finally?: TaskDef[]
  [key: string]: unknown
}

export interface Flow {
  id: string
  namespace: string
  revision: number
  description?: string
  labels: { key: string; value: string }[]
  disabled?: boolean
  updated?: string
  inputs?: FlowInput[]
  tasks?: TaskDef[]
  errors?: TaskDef[]
  finally?: TaskDef[]
  triggers?: { id: string; type: string }[]
  source?: string
}

export interface Attempt {
  state: State
}

export interface TaskRun {
  id: string
  executionId: string
  taskId: string
  parentTaskRunId?: string
  value?: string
  branch?: string
  index?: number
  attempts: Attempt[]
  outputs?: Record<string, unknown>
  state: State
  superseded?: boolean
}

export interface Execution {
  id: string
  namespace: string
  flowId: string
  flowRevision: number
  state: State
  inputs?: Record<string, unknown>
  outputs?: Record<string, unknown>
  labels: { key: string; value: string }[]
  originalId?: string
  taskRunList: TaskRun[]
}

export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR'

export interface LogLine {
  seq?: number
  taskId?: string
  taskRunId?: string
  attemptNumber?: number
  level: LogLevel
  message: string
  timestamp: string
}

export interface TraceEvent {
  seq?: number
  taskRunId: string
  kind: string
  timestamp: string
  data: Record<string, unknown>
}

export interface Page<T> {
  results: T[]
  total: number
}

export interface KvSummary {
  key: string
  secret: boolean
  updateDate: string
  expirationDate?: string
}

/** One field problem of a 422: where and what, with the YAML position for flows. */
export interface FieldError {
  path: string
  message: string
  line?: number
  column?: number
}
