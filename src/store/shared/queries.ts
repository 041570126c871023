/**
 * Statements both backends build the same way apart from the placeholder style (`?` for SQLite, `$1` for
 * PostgreSQL) and a few dialect-specific conditions, which the caller passes in.
 */
import type { ExecutionFilter, ExecutionRecord, LogFilter, SubmissionRecord } from '../types.ts'
import { executionRow, submissionRow } from './rows.ts'
import { likeContains, logLevelRank, namespacePrefix, normalizeDate, paging } from './values.ts'

export type PlaceholderStyle = 'question' | 'numbered'

/** One statement with its bound values. */
export interface SqlQuery {
  sql: string
  values: unknown[]
}

/** A page of rows and the count of all rows matching the same filter. */
export interface PagedQueries {
  count: SqlQuery
  page: SqlQuery
}

/** Collects bound values and hands out their placeholders in the backend's style. */
export class SqlParameters {
  readonly values: unknown[] = []
  readonly #style: PlaceholderStyle

  constructor(style: PlaceholderStyle) {
    this.#style = style
  }

  /** Binds a value and returns its placeholder. */
  add(value: unknown): string {
    const position = this.values.push(value)
    return this.#style === 'question' ? '?' : `$${position}`
  }
}

/**
 * `INSERT … ON CONFLICT (conflict) DO UPDATE SET` the `update` columns, from a row keyed by column name.
 * Both backends speak this (SQLite ≥ 3.24, PostgreSQL ≥ 9.5) with `excluded.` naming the rejected row.
 */
export function upsertQuery(
  table: string,
  row: Record<string, unknown>,
  conflict: string,
  update: readonly string[],
  style: PlaceholderStyle,
): SqlQuery {
  const parameters = new SqlParameters(style)
  const columns = Object.keys(row)
  const placeholders = columns.map((column) => parameters.add(row[column]))
  const assignments = update.map((column) => `${column} = excluded.${column}`).join(', ')
  return {
    sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders.join(', ')}) ON CONFLICT (${conflict}) DO UPDATE SET ${assignments}`,
    values: parameters.values,
  }
}

/**
 * Saves an execution. An update rewrites only what changes during a run (state, labels, the record): the
 * columns of the other indices are fixed at creation, so their index pages are not touched again.
 */
export function executionUpsert(execution: ExecutionRecord, style: PlaceholderStyle): SqlQuery {
  return upsertQuery('executions', executionRow(execution), 'id', ['state', 'labels', 'data'], style)
}

/** Saves a Judge0 submission, replacing every column but its token. */
export function submissionUpsert(submission: SubmissionRecord, style: PlaceholderStyle): SqlQuery {
  const update = ['status_id', 'language_id', 'created_at', 'finished_at', 'data']
  return upsertQuery('judge0_submissions', submissionRow(submission), 'token', update, style)
}

/** Conditions whose SQL differs between backends: set membership and JSON label matching. */
export interface ExecutionFilterDialect {
  /** `column` equals one of `values` (non-empty). */
  oneOf(column: string, values: readonly string[], parameters: SqlParameters): string
  /** The `labels` column carries every given label (non-empty). */
  hasLabels(labels: Record<string, string>, parameters: SqlParameters): string[]
}

/** The namespace itself or any child namespace. */
function inNamespace(namespace: string, parameters: SqlParameters): string {
  return `(namespace = ${parameters.add(namespace)} OR namespace LIKE ${parameters.add(namespacePrefix(namespace))} ESCAPE '\\')`
}

function pagedQueries(
  table: string,
  columns: string,
  where: string,
  orderBy: string,
  parameters: SqlParameters,
  page: { page?: number; size?: number },
): PagedQueries {
  const count = { sql: `SELECT count(*) AS total FROM ${table} ${where}`, values: [...parameters.values] }
  const { limit, offset } = paging(page.page, page.size)
  const sql = `SELECT ${columns} FROM ${table} ${where} ORDER BY ${orderBy} LIMIT ${parameters.add(limit)} OFFSET ${parameters.add(offset)}`
  return { count, page: { sql, values: parameters.values } }
}

const LATEST_REVISION = `revision = (SELECT max(revision) FROM flows AS newer WHERE newer.namespace = flows.namespace AND newer.id = flows.id)`

/** Latest live revisions of flows, by namespace then id; `notDeleted` is the backend's spelling of the test. */
export function flowListQueries(
  filter: { namespace?: string; q?: string; page?: number; size?: number },
  style: PlaceholderStyle,
  notDeleted: string,
): PagedQueries {
  const parameters = new SqlParameters(style)
  const conditions = [notDeleted, LATEST_REVISION]
  if (filter.namespace !== undefined) conditions.push(inNamespace(filter.namespace, parameters))
  if (filter.q) {
    const pattern = likeContains(filter.q)
    const like = () => `LIKE ${parameters.add(pattern)} ESCAPE '\\'`
    conditions.push(`(id ${like()} OR namespace ${like()} OR coalesce(description, '') ${like()})`)
  }
  return pagedQueries('flows', '*', `WHERE ${conditions.join(' AND ')}`, 'namespace, id', parameters, filter)
}

/** Executions newest first; labels must all match. */
export function executionListQueries(
  filter: ExecutionFilter,
  style: PlaceholderStyle,
  dialect: ExecutionFilterDialect,
): PagedQueries {
  const parameters = new SqlParameters(style)
  const conditions: string[] = []
  if (filter.namespace !== undefined) conditions.push(inNamespace(filter.namespace, parameters))
  if (filter.flowId !== undefined) conditions.push(`flow_id = ${parameters.add(filter.flowId)}`)
  if (filter.states?.length) conditions.push(dialect.oneOf('state', filter.states, parameters))
  if (filter.startAfter !== undefined) {
    conditions.push(`start_date >= ${parameters.add(normalizeDate(filter.startAfter, 'startAfter'))}`)
  }
  if (filter.startBefore !== undefined) {
    conditions.push(`start_date < ${parameters.add(normalizeDate(filter.startBefore, 'startBefore'))}`)
  }
  if (filter.parentExecutionId !== undefined) {
    conditions.push(`parent_execution_id = ${parameters.add(filter.parentExecutionId)}`)
  }
  if (filter.labels && Object.keys(filter.labels).length > 0) {
    conditions.push(...dialect.hasLabels(filter.labels, parameters))
  }
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''
  return pagedQueries('executions', 'data', where, 'start_date DESC, id DESC', parameters, filter)
}

/** Logs of one execution in `seq` order. */
export function logQuery(filter: LogFilter, style: PlaceholderStyle): SqlQuery {
  const parameters = new SqlParameters(style)
  const conditions = [`execution_id = ${parameters.add(filter.executionId)}`]
  if (filter.minLevel !== undefined)
    conditions.push(`level >= ${parameters.add(logLevelRank(filter.minLevel))}`)
  if (filter.taskRunId !== undefined) conditions.push(`task_run_id = ${parameters.add(filter.taskRunId)}`)
  if (filter.taskId !== undefined) conditions.push(`task_id = ${parameters.add(filter.taskId)}`)
  if (filter.afterSeq !== undefined) conditions.push(`seq > ${parameters.add(filter.afterSeq)}`)
  const limit = filter.limit === undefined ? '' : ` LIMIT ${parameters.add(filter.limit)}`
  return {
    sql: `SELECT * FROM logs WHERE ${conditions.join(' AND ')} ORDER BY seq${limit}`,
    values: parameters.values,
  }
}
