/**
 * Storage records and repository interfaces. `store/sqlite/` and `store/postgres/` implement them with the
 * same file names; one conformance suite (`store/conformance.ts`) runs against both.
 * Interfaces are async-only, whatever the backend. This module knows nothing of flows' YAML or HTTP.
 */

export type ExecutionState =
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

export const TERMINAL_STATES: ReadonlySet<ExecutionState> = new Set([
  'SUCCESS',
  'WARNING',
  'FAILED',
  'KILLED',
  'CANCELLED',
  'SKIPPED',
])

/** One state change, Kestra's `state.histories[]`. Dates are ISO-8601 strings. */
export interface StateHistory {
  state: ExecutionState
  date: string
}

export interface StateRecord {
  current: ExecutionState
  histories: StateHistory[]
  startDate: string
  endDate?: string
}

export interface ExecutionRecord {
  id: string
  namespace: string
  flowId: string
  flowRevision: number
  state: StateRecord
  inputs: Record<string, unknown>
  /** Flow outputs (the flow's `outputs:` section), once the execution has ended. */
  outputs: Record<string, unknown>
  labels: Record<string, string>
  variables?: Record<string, unknown>
  /** Execution this one was restarted/replayed from, or the parent for a subflow. */
  originalId?: string
  parentExecutionId?: string
  parentTaskRunId?: string
  trigger?: { id: string; type: string; variables: Record<string, unknown> }
  /** Free-form engine bookkeeping (e.g. which branch an If took) so restarts cannot change decisions. */
  engineState?: Record<string, unknown>
}

export interface TaskRunAttempt {
  state: StateRecord
  /** Worker that ran this attempt (distributed mode). */
  workerId?: string
}

export interface TaskRunRecord {
  id: string
  executionId: string
  namespace: string
  flowId: string
  taskId: string
  /** Parent flowable task run (Sequential, ForEach iteration…). */
  parentTaskRunId?: string
  /** ForEach/Switch value this run belongs to (Kestra's `taskrun.value`). */
  value?: string
  /** Which list of the parent this belongs to: `tasks`, `then`, `else`, `errors`, `finally`, `cases.X`… */
  branch?: string
  /** Position in its list, so task runs sort in flow order. */
  index: number
  state: StateRecord
  attempts: TaskRunAttempt[]
  outputs: Record<string, unknown>
  /** Engine bookkeeping for flowable tasks (e.g. chosen branch, iteration cursor). */
  engineState?: Record<string, unknown>
}

export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR'

export interface LogRecord {
  /** Monotonic per store; used as SSE event id. Assigned by the store. */
  seq?: number
  executionId: string
  namespace: string
  flowId: string
  taskId?: string
  taskRunId?: string
  attemptNumber?: number
  level: LogLevel
  message: string
  timestamp: string
}

/** A structured trace event of a task run: LLM requests/responses, tool calls, code executions. */
export interface TraceEventRecord {
  seq?: number
  executionId: string
  taskRunId: string
  /** Noun-verb, e.g. `llm-request`, `llm-response`, `tool-call`, `tool-result`, `code-execution`. */
  kind: string
  timestamp: string
  /** JSON-serializable, secrets already masked. */
  data: Record<string, unknown>
}

export interface FlowRecord {
  namespace: string
  id: string
  revision: number
  source: string
  deleted: boolean
  updated: string
  /** Parsed for listing/search; the source stays the truth. */
  description?: string
  labels: Record<string, string>
  disabled: boolean
}

export interface KVEntry {
  namespace: string
  key: string
  /** JSON value. */
  value: unknown
  secret: boolean
  /** ISO-8601 date after which the entry reads as absent. */
  expiresAt?: string
  updated: string
}

export interface Page<T> {
  results: T[]
  total: number
}

export interface ExecutionFilter {
  namespace?: string
  flowId?: string
  states?: ExecutionState[]
  startAfter?: string
  startBefore?: string
  labels?: Record<string, string>
  parentExecutionId?: string
  page?: number
  size?: number
}

export interface LogFilter {
  executionId: string
  minLevel?: LogLevel
  taskRunId?: string
  taskId?: string
  /** Only logs with seq greater than this (for resuming streams). */
  afterSeq?: number
  limit?: number
}

export interface FlowRepository {
  /** Saves a new revision when the source changed; returns the stored record. */
  save(flow: Omit<FlowRecord, 'revision' | 'updated' | 'deleted'>): Promise<FlowRecord>
  get(namespace: string, id: string, revision?: number): Promise<FlowRecord | undefined>
  list(filter: { namespace?: string; q?: string; page?: number; size?: number }): Promise<Page<FlowRecord>>
  revisions(namespace: string, id: string): Promise<FlowRecord[]>
  delete(namespace: string, id: string): Promise<boolean>
}

export interface ExecutionRepository {
  /** Creates or replaces an execution. Its id, namespace, flowId, state.startDate and parent are fixed at creation. */
  save(execution: ExecutionRecord): Promise<void>
  get(id: string): Promise<ExecutionRecord | undefined>
  list(filter: ExecutionFilter): Promise<Page<ExecutionRecord>>
  /** Deletes the execution with its task runs, logs and trace events (not its files: see `FileRepository`). */
  delete(id: string): Promise<boolean>
  /** Executions in a non-terminal state: crash recovery looks at them on start. */
  listUnfinished(): Promise<ExecutionRecord[]>
}

export interface TaskRunRepository {
  /** Creates or replaces a task run (its executionId is fixed at creation). */
  save(taskRun: TaskRunRecord): Promise<void>
  saveMany(taskRuns: TaskRunRecord[]): Promise<void>
  get(id: string): Promise<TaskRunRecord | undefined>
  /** In creation order. */
  listByExecution(executionId: string): Promise<TaskRunRecord[]>
}

export interface LogRepository {
  /** Appends a batch atomically, in order; sets `seq` on each given record. */
  append(logs: LogRecord[]): Promise<void>
  query(filter: LogFilter): Promise<LogRecord[]>
  deleteByExecution(executionId: string): Promise<void>
}

export interface TraceRepository {
  /** Appends a batch atomically, in order; sets `seq` on each given record. */
  append(events: TraceEventRecord[]): Promise<void>
  listByExecution(executionId: string, afterSeq?: number): Promise<TraceEventRecord[]>
}

export interface KVRepository {
  get(namespace: string, key: string): Promise<KVEntry | undefined>
  set(entry: Omit<KVEntry, 'updated'>): Promise<KVEntry>
  delete(namespace: string, key: string): Promise<boolean>
  list(namespace: string): Promise<KVEntry[]>
}

/** A file produced or consumed by an execution (task outputs, uploaded inputs). */
export interface FileRepository {
  /**
   * Stores bytes under `namespace/executionId/name` (name may hold `/`-separated segments) and returns its URI,
   * `verity:///<namespace>/<executionId>/<name>`. Replaces a file of the same name.
   * Fails with `FILE_TOO_LARGE` above the configured cap and `FILE_NAME_INVALID` for unsafe names.
   */
  put(namespace: string, executionId: string, name: string, bytes: Uint8Array): Promise<string>
  /** The bytes behind a `verity://` URI; fails with `FILE_NOT_FOUND` when absent. */
  get(uri: string): Promise<Uint8Array>
  deleteByExecution(executionId: string): Promise<void>
}

/**
 * A Judge0 submission (src/judge0). The columns the store filters and counts on sit beside `data`, which holds
 * every other attribute as JSON (byte attributes already base64-encoded by the Judge0 area).
 */
export interface SubmissionRecord {
  token: string
  /** Judge0 status id: 1 In Queue, 2 Processing, 3+ finished. */
  statusId: number
  languageId: number
  createdAt: string
  finishedAt?: string
  data: Record<string, unknown>
}

export interface SubmissionStatistics {
  total: number
  /** Submissions created at or after each of the dates asked for, in the same order. */
  createdSince: number[]
  byLanguage: Array<{ languageId: number; count: number }>
  byStatus: Array<{ statusId: number; count: number }>
}

export interface SubmissionRepository {
  /** Creates or replaces a submission. */
  save(submission: SubmissionRecord): Promise<void>
  get(token: string): Promise<SubmissionRecord | undefined>
  /** The submissions among `tokens` that exist, in no particular order. */
  getMany(tokens: string[]): Promise<SubmissionRecord[]>
  /** Newest first; `page` is 1-based. */
  list(filter: { page?: number; size?: number }): Promise<Page<SubmissionRecord>>
  delete(token: string): Promise<boolean>
  /**
   * Atomically moves a submission from status `from` to `to`; false (and nothing changed) when it was not in
   * `from`. Workers claim a submission this way, so a job delivered twice runs once.
   */
  transition(token: string, from: number, to: number): Promise<boolean>
  /** Submissions in status 1 or 2, oldest first: re-queued when the server starts. */
  listUnfinished(): Promise<SubmissionRecord[]>
  statistics(since: string[]): Promise<SubmissionStatistics>
}

/** Everything a backend provides. `transaction` makes a group of writes atomic (nothing half-written). */
export interface Store {
  readonly kind: 'sqlite' | 'postgres'
  readonly flows: FlowRepository
  readonly executions: ExecutionRepository
  readonly taskRuns: TaskRunRepository
  readonly logs: LogRepository
  readonly traces: TraceRepository
  readonly kv: KVRepository
  readonly files: FileRepository
  readonly submissions: SubmissionRepository
  /**
   * Runs `work` atomically: every repository call made inside it (in its async context) commits or rolls back
   * together; a throw rolls back. Nested calls join the outer transaction.
   */
  transaction<T>(work: () => Promise<T>): Promise<T>
  close(): Promise<void>
}
