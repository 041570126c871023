/**
 * Row → record mapping both backends share. The columns are the same; only how a driver hands back JSON,
 * booleans and timestamps differs, so each backend passes its {@link ColumnDecoder}.
 */
import type {
  ExecutionRecord,
  FlowRecord,
  KVEntry,
  LogRecord,
  SubmissionRecord,
  TaskRunRecord,
  TraceEventRecord,
} from '../types.ts'
import { logLevelOfRank, normalizeDate } from './values.ts'

type Row = Record<string, unknown>

/** How one backend's driver returns column values (SQLite: JSON text and 0/1; PostgreSQL: parsed values). */
export interface ColumnDecoder {
  /** A JSON column's value. */
  json(value: unknown): unknown
  boolean(value: unknown): boolean
  /** A timestamp column as ISO-8601 text. */
  timestamp(value: unknown): string
}

export function toFlow(row: Row, decode: ColumnDecoder): FlowRecord {
  const flow: FlowRecord = {
    namespace: row.namespace as string,
    id: row.id as string,
    revision: Number(row.revision),
    source: row.source as string,
    deleted: decode.boolean(row.deleted),
    updated: row.updated as string,
    labels: decode.json(row.labels) as Record<string, string>,
    disabled: decode.boolean(row.disabled),
  }
  if (row.description !== null) flow.description = row.description as string
  return flow
}

export function toLog(row: Row): LogRecord {
  const log: LogRecord = {
    seq: Number(row.seq),
    executionId: row.execution_id as string,
    namespace: row.namespace as string,
    flowId: row.flow_id as string,
    level: logLevelOfRank(Number(row.level)),
    message: row.message as string,
    timestamp: row.timestamp as string,
  }
  if (row.task_id !== null) log.taskId = row.task_id as string
  if (row.task_run_id !== null) log.taskRunId = row.task_run_id as string
  if (row.attempt_number !== null) log.attemptNumber = Number(row.attempt_number)
  return log
}

export function toKVEntry(row: Row, decode: ColumnDecoder): KVEntry {
  const entry: KVEntry = {
    namespace: row.namespace as string,
    key: row.key as string,
    value: decode.json(row.value),
    secret: decode.boolean(row.secret),
    updated: row.updated as string,
  }
  if (row.expires_at !== null) entry.expiresAt = decode.timestamp(row.expires_at)
  return entry
}

export function toSubmission(row: Row, decode: ColumnDecoder): SubmissionRecord {
  const record: SubmissionRecord = {
    token: row.token as string,
    statusId: Number(row.status_id),
    languageId: Number(row.language_id),
    createdAt: row.created_at as string,
    data: decode.json(row.data) as Record<string, unknown>,
  }
  if (row.finished_at !== null) record.finishedAt = row.finished_at as string
  return record
}

/** Executions are stored whole in `data`; the other columns exist for filtering and ordering. */
export function toExecution(row: Row, decode: ColumnDecoder): ExecutionRecord {
  return decode.json(row.data) as ExecutionRecord
}

/**
 * What saving `flow` stores, given the latest stored revision: that revision itself when it is live with
 * the same source (saving unchanged YAML is a no-op, the caller writes nothing), else a new revision.
 */
export function nextFlowRevision(
  flow: Omit<FlowRecord, 'revision' | 'updated' | 'deleted'>,
  latest: FlowRecord | undefined,
): FlowRecord {
  if (latest && !latest.deleted && latest.source === flow.source) return latest
  const record: FlowRecord = {
    namespace: flow.namespace,
    id: flow.id,
    revision: latest ? latest.revision + 1 : 1,
    source: flow.source,
    deleted: false,
    updated: new Date().toISOString(),
    labels: flow.labels,
    disabled: flow.disabled,
  }
  if (flow.description !== undefined) record.description = flow.description
  return record
}

/** Task runs, like executions, are stored whole in `data`. */
export function toTaskRun(row: Row, decode: ColumnDecoder): TaskRunRecord {
  return decode.json(row.data) as TaskRunRecord
}

export function toTraceEvent(row: Row, decode: ColumnDecoder): TraceEventRecord {
  return {
    seq: Number(row.seq),
    executionId: row.execution_id as string,
    taskRunId: row.task_run_id as string,
    kind: row.kind as string,
    timestamp: row.timestamp as string,
    data: decode.json(row.data) as Record<string, unknown>,
  }
}

/** The columns of an execution row: the whole record in `data`, beside it what filters and orders. */
export function executionRow(execution: ExecutionRecord): Record<string, unknown> {
  return {
    id: execution.id,
    namespace: execution.namespace,
    flow_id: execution.flowId,
    state: execution.state.current,
    start_date: normalizeDate(execution.state.startDate, 'state.startDate'),
    parent_execution_id: execution.parentExecutionId ?? null,
    labels: JSON.stringify(execution.labels),
    data: JSON.stringify(execution),
  }
}

/** The columns of a Judge0 submission row; `data` holds the attributes not queried on. */
export function submissionRow(submission: SubmissionRecord): Record<string, unknown> {
  return {
    token: submission.token,
    status_id: submission.statusId,
    language_id: submission.languageId,
    created_at: submission.createdAt,
    finished_at: submission.finishedAt ?? null,
    data: JSON.stringify(submission.data),
  }
}

/** The entry `set` stores: the value (`null` for undefined), now as `updated`, the expiry as ISO-8601 UTC. */
export function newKVEntry(entry: Omit<KVEntry, 'updated'>): KVEntry {
  const stored: KVEntry = {
    namespace: entry.namespace,
    key: entry.key,
    value: entry.value ?? null,
    secret: entry.secret,
    updated: new Date().toISOString(),
  }
  if (entry.expiresAt !== undefined) stored.expiresAt = normalizeDate(entry.expiresAt, 'expiresAt')
  return stored
}
