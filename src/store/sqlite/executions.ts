import { namespacePrefix, normalizeDate, paging } from '../shared.ts'
import {
  type ExecutionFilter,
  type ExecutionRecord,
  type ExecutionRepository,
  type Page,
  TERMINAL_STATES,
} from '../types.ts'
import type { SqliteDatabase, SqlValue } from './database.ts'

const UNFINISHED = [...TERMINAL_STATES].map((state) => `'${state}'`).join(', ')

/** Builds the WHERE clause of a filter; labels must all match (`json_each` over the labels column). */
function whereOf(filter: ExecutionFilter): { where: string; parameters: SqlValue[] } {
  const conditions: string[] = []
  const parameters: SqlValue[] = []
  if (filter.namespace !== undefined) {
    conditions.push(`(namespace = ? OR namespace LIKE ? ESCAPE '\\')`)
    parameters.push(filter.namespace, namespacePrefix(filter.namespace))
  }
  if (filter.flowId !== undefined) {
    conditions.push('flow_id = ?')
    parameters.push(filter.flowId)
  }
  if (filter.states?.length) {
    conditions.push(`state IN (${filter.states.map(() => '?').join(', ')})`)
    parameters.push(...filter.states)
  }
  if (filter.startAfter !== undefined) {
    conditions.push('start_date >= ?')
    parameters.push(normalizeDate(filter.startAfter, 'startAfter'))
  }
  if (filter.startBefore !== undefined) {
    conditions.push('start_date < ?')
    parameters.push(normalizeDate(filter.startBefore, 'startBefore'))
  }
  if (filter.parentExecutionId !== undefined) {
    conditions.push('parent_execution_id = ?')
    parameters.push(filter.parentExecutionId)
  }
  for (const [key, value] of Object.entries(filter.labels ?? {})) {
    conditions.push(
      'EXISTS (SELECT 1 FROM json_each(executions.labels) AS label WHERE label.key = ? AND label.value = ?)',
    )
    parameters.push(key, value)
  }
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', parameters }
}

function toExecution(row: Record<string, unknown>): ExecutionRecord {
  return JSON.parse(row.data as string)
}

/**
 * An update rewrites only what changes during a run (state, labels, the record): the columns of the other
 * indices are fixed at creation, so their index pages are not touched again.
 */
export class SqliteExecutionRepository implements ExecutionRepository {
  readonly #database: SqliteDatabase

  constructor(database: SqliteDatabase) {
    this.#database = database
  }

  save(execution: ExecutionRecord): Promise<void> {
    return this.#database.run(() => {
      this.#database
        .statement(
          `INSERT INTO executions (id, namespace, flow_id, state, start_date, parent_execution_id, labels, data)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET state = excluded.state, labels = excluded.labels, data = excluded.data`,
        )
        .run(
          execution.id,
          execution.namespace,
          execution.flowId,
          execution.state.current,
          normalizeDate(execution.state.startDate, 'state.startDate'),
          execution.parentExecutionId ?? null,
          JSON.stringify(execution.labels),
          JSON.stringify(execution),
        )
    })
  }

  get(id: string): Promise<ExecutionRecord | undefined> {
    return this.#database.run(() => {
      const row = this.#database.statement('SELECT data FROM executions WHERE id = ?').get(id)
      return row ? toExecution(row) : undefined
    })
  }

  /** Newest first. */
  list(filter: ExecutionFilter): Promise<Page<ExecutionRecord>> {
    return this.#database.run(() => {
      const { where, parameters } = whereOf(filter)
      const { limit, offset } = paging(filter.page, filter.size)
      const total = this.#database
        .statement(`SELECT count(*) AS total FROM executions ${where}`)
        .get(...parameters)
      const rows = this.#database
        .statement(`SELECT data FROM executions ${where} ORDER BY start_date DESC, id DESC LIMIT ? OFFSET ?`)
        .all(...parameters, limit, offset)
      return { results: rows.map(toExecution), total: Number(total?.total) }
    })
  }

  delete(id: string): Promise<boolean> {
    return this.#database.run(
      () => Number(this.#database.statement('DELETE FROM executions WHERE id = ?').run(id).changes) > 0,
    )
  }

  /** Oldest first, so recovery resumes executions in the order they started. */
  listUnfinished(): Promise<ExecutionRecord[]> {
    return this.#database.run(() =>
      this.#database
        .statement(`SELECT data FROM executions WHERE state NOT IN (${UNFINISHED}) ORDER BY start_date, id`)
        .all()
        .map(toExecution),
    )
  }
}
