import { namespacePrefix, normalizeDate, paging } from '../shared.ts'
import {
  type ExecutionFilter,
  type ExecutionRecord,
  type ExecutionRepository,
  type Page,
  TERMINAL_STATES,
} from '../types.ts'
import type { PostgresDatabase } from './database.ts'

const TERMINAL = [...TERMINAL_STATES]

/** Builds the WHERE clause of a filter; labels must all match (jsonb containment). */
function whereOf(filter: ExecutionFilter): { where: string; values: unknown[] } {
  const conditions: string[] = []
  const values: unknown[] = []
  const parameter = (value: unknown) => `$${values.push(value)}`
  if (filter.namespace !== undefined) {
    conditions.push(
      `(namespace = ${parameter(filter.namespace)} OR namespace LIKE ${parameter(namespacePrefix(filter.namespace))})`,
    )
  }
  if (filter.flowId !== undefined) conditions.push(`flow_id = ${parameter(filter.flowId)}`)
  if (filter.states?.length) conditions.push(`state = ANY(${parameter(filter.states)})`)
  if (filter.startAfter !== undefined) {
    conditions.push(`start_date >= ${parameter(normalizeDate(filter.startAfter, 'startAfter'))}`)
  }
  if (filter.startBefore !== undefined) {
    conditions.push(`start_date < ${parameter(normalizeDate(filter.startBefore, 'startBefore'))}`)
  }
  if (filter.parentExecutionId !== undefined) {
    conditions.push(`parent_execution_id = ${parameter(filter.parentExecutionId)}`)
  }
  if (filter.labels && Object.keys(filter.labels).length > 0) {
    conditions.push(`labels @> ${parameter(JSON.stringify(filter.labels))}::jsonb`)
  }
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', values }
}

export class PostgresExecutionRepository implements ExecutionRepository {
  readonly #database: PostgresDatabase

  constructor(database: PostgresDatabase) {
    this.#database = database
  }

  async save(execution: ExecutionRecord): Promise<void> {
    await this.#database.query(
      `INSERT INTO executions (id, namespace, flow_id, state, start_date, parent_execution_id, labels, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, labels = excluded.labels, data = excluded.data`,
      [
        execution.id,
        execution.namespace,
        execution.flowId,
        execution.state.current,
        normalizeDate(execution.state.startDate, 'state.startDate'),
        execution.parentExecutionId ?? null,
        JSON.stringify(execution.labels),
        JSON.stringify(execution),
      ],
    )
  }

  async get(id: string): Promise<ExecutionRecord | undefined> {
    const [row] = await this.#database.query('SELECT data FROM executions WHERE id = $1', [id])
    return row?.data as ExecutionRecord | undefined
  }

  /** Newest first. */
  async list(filter: ExecutionFilter): Promise<Page<ExecutionRecord>> {
    const { where, values } = whereOf(filter)
    const { limit, offset } = paging(filter.page, filter.size)
    const [total] = await this.#database.query(`SELECT count(*) AS total FROM executions ${where}`, values)
    const rows = await this.#database.query(
      `SELECT data FROM executions ${where} ORDER BY start_date DESC, id DESC LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, limit, offset],
    )
    return { results: rows.map((row) => row.data as ExecutionRecord), total: Number(total.total) }
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.#database.query('DELETE FROM executions WHERE id = $1 RETURNING id', [id])
    return rows.length > 0
  }

  /** Oldest first, so recovery resumes executions in the order they started. */
  async listUnfinished(): Promise<ExecutionRecord[]> {
    const rows = await this.#database.query(
      'SELECT data FROM executions WHERE state <> ALL($1) ORDER BY start_date, id',
      [TERMINAL],
    )
    return rows.map((row) => row.data as ExecutionRecord)
  }
}
