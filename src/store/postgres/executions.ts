import { type ExecutionFilterDialect, executionListQueries, executionUpsert } from '../shared/queries.ts'
import { toExecution } from '../shared/rows.ts'
import {
  type ExecutionFilter,
  type ExecutionRecord,
  type ExecutionRepository,
  type Page,
  TERMINAL_STATES,
} from '../types.ts'
import { POSTGRES_COLUMNS, type PostgresDatabase } from './database.ts'

const TERMINAL = [...TERMINAL_STATES]

/** Labels must all match: one jsonb containment test, served by the GIN index. */
const FILTERS: ExecutionFilterDialect = {
  oneOf: (column, values, parameters) => `${column} = ANY(${parameters.add(values)})`,
  hasLabels: (labels, parameters) => [`labels @> ${parameters.add(JSON.stringify(labels))}::jsonb`],
}

export class PostgresExecutionRepository implements ExecutionRepository {
  readonly #database: PostgresDatabase

  constructor(database: PostgresDatabase) {
    this.#database = database
  }

  async save(execution: ExecutionRecord): Promise<void> {
    const { sql, values } = executionUpsert(execution, 'numbered')
    await this.#database.query(sql, values)
  }

  async get(id: string): Promise<ExecutionRecord | undefined> {
    const [row] = await this.#database.query('SELECT data FROM executions WHERE id = $1', [id])
    return row ? toExecution(row, POSTGRES_COLUMNS) : undefined
  }

  /** Newest first. */
  async list(filter: ExecutionFilter): Promise<Page<ExecutionRecord>> {
    const { count, page } = executionListQueries(filter, 'numbered', FILTERS)
    const [total] = await this.#database.query(count.sql, count.values)
    const rows = await this.#database.query(page.sql, page.values)
    return { results: rows.map((row) => toExecution(row, POSTGRES_COLUMNS)), total: Number(total.total) }
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
    return rows.map((row) => toExecution(row, POSTGRES_COLUMNS))
  }
}
