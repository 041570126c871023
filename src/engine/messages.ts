import type { Flow, TaskDefinition } from '../flow/types.ts'
import type {
  ExecutionRecord,
  ExecutionState,
  LogRecord,
  TaskRunRecord,
  TraceEventRecord,
} from '../store/types.ts'

/**
 * What the executor and the workers say to each other. They talk only through the `Queue` interface, so these
 * are plain JSON-serializable data: a PostgreSQL-backed queue carries them unchanged.
 */

/** Jobs for workers: run one attempt of a task run (runnable) or plan its children (flowable). */
export const WORKER_QUEUE = 'verity.worker'
/** Messages for the executor: execution started, task run started/finished, kill, retry due… */
export const EXECUTOR_QUEUE = 'verity.executor'
/** Fan-out engine events (execution / task-run / log / trace) for the CLI progress line and SSE. */
export const EVENTS_CHANNEL = 'verity.events'
/** Fan-out control messages to workers (kill: abort the running task runs of an execution). */
export const CONTROL_CHANNEL = 'verity.control'

/** The execution as the expression context sees it. */
export interface ExecutionSnapshot {
  id: string
  namespace: string
  flowId: string
  flowRevision: number
  startDate: string
  state: ExecutionState
  originalId?: string
  parentExecutionId?: string
  inputs: Record<string, unknown>
  labels: Record<string, string>
  trigger?: ExecutionRecord['trigger']
}

export interface WorkerJob {
  execution: ExecutionSnapshot
  flow: Flow
  task: TaskDefinition
  taskRun: Pick<TaskRunRecord, 'id' | 'taskId' | 'value' | 'parentTaskRunId'> & { startDate: string }
  attemptNumber: number
  /** The `outputs` map of the expression context (`outputs.<taskId>[.<value>…].<prop>`). */
  outputs: Record<string, unknown>
  /** Ancestor task runs, nearest first (`parent`, `parents[i]`). */
  parents: Array<{ id: string; taskId: string; value?: string }>
}

/** A flowable's decision as recorded in its task run's `engineState.plan`: task ids per group. */
export interface RecordedPlan {
  concurrency: number
  groups: Array<{ branch: string; value?: string; tasks: string[] }>
}

export type ExecutorMessage =
  | { kind: 'start'; executionId: string }
  | { kind: 'recover'; executionId: string }
  | { kind: 'kill'; executionId: string }
  | { kind: 'restart'; executionId: string }
  | { kind: 'retry-due'; executionId: string; taskRunId: string }
  /** Sent when an executor starts deciding: re-arms retry timers an executor that stopped or died took along. */
  | { kind: 'rearm'; executionId: string }
  | { kind: 'task-started'; executionId: string; taskRunId: string; attemptNumber: number; date: string }
  | {
      kind: 'task-result'
      executionId: string
      taskRunId: string
      attemptNumber: number
      date: string
      state: ExecutionState
      outputs?: Record<string, unknown>
      /** Set by flowable tasks. */
      plan?: RecordedPlan
      /** Masked error message when the attempt failed. */
      error?: string
    }

export type ControlMessage = { kind: 'kill'; executionId: string }

/** What `engine.events` subscribers receive. Records are snapshots taken when the event was published. */
export type EngineEvent =
  | { type: 'execution'; execution: ExecutionRecord }
  | { type: 'task-run'; taskRun: TaskRunRecord }
  | { type: 'log'; log: LogRecord }
  | { type: 'trace'; trace: TraceEventRecord }
