import { type ExecutionFilterDialect, executionListQueries, executionUpsert } from '../shared/queries.ts'
import { toExecution } from '../shared/rows.ts'
import {
  type ExecutionFilter,
  type ExecutionRecord,
  type ExecutionRepository,
  type Page,
  TERMINAL_STATES,
} from '../types.ts'
import { SQLITE_COLUMNS, type SqliteDatabase, type SqlValue } from './database.ts'

const UNFINISHED = [...TERMINAL_STATES].map((state) => `'${state}'`).join(', ')

/** Labels must all match: one `json_each` lookup per label over the labels column. */
const FILTERS: ExecutionFilterDialect = {
  oneOf: (column, values, parameters) =>
    `${column} IN (${values.map((value) => parameters.add(value)).join(', ')})`,
  hasLabels: (labels, parameters) =>
    Object.entries(labels).map(
      ([key, value]) =>
        `EXISTS (SELECT 1 FROM json_each(executions.labels) AS label WHERE label.key = ${parameters.add(key)} AND label.value = ${parameters.add(value)})`,
    ),
}

/** Executions stored whole in `data`, with the columns filters and ordering need beside it. */
export class SqliteExecutionRepository implements ExecutionRepository {
  readonly #database: SqliteDatabase

  constructor(database: SqliteDatabase) {
    this.#database = database
  }

  save(execution: ExecutionRecord): Promise<void> {
    const { sql, values } = executionUpsert(execution, 'question')
    return this.#database.run(() => {
      this.#database.statement(sql).run(...(values as SqlValue[]))
    })
  }

  get(id: string): Promise<ExecutionRecord | undefined> {
    return this.#database.run(() => {
      const row = this.#database.statement('SELECT data FROM executions WHERE id = ?').get(id)
      return row ? toExecution(row, SQLITE_COLUMNS) : undefined
    })
  }

  /** Newest first. */
  list(filter: ExecutionFilter): Promise<Page<ExecutionRecord>> {
    return this.#database.run(() => {
      const { count, page } = executionListQueries(filter, 'question', FILTERS)
      const total = this.#database.statement(count.sql).get(...(count.values as SqlValue[]))
      const rows = this.#database.statement(page.sql).all(...(page.values as SqlValue[]))
      return { results: rows.map((row) => toExecution(row, SQLITE_COLUMNS)), total: Number(total?.total) }
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
        .map((row) => toExecution(row, SQLITE_COLUMNS)),
    )
  }
}
