import { toTaskRun } from '../shared/rows.ts'
import type { TaskRunRecord, TaskRunRepository } from '../types.ts'
import { POSTGRES_COLUMNS, type PostgresDatabase } from './database.ts'

// Only `data` is rewritten on update: `seq` (creation order) and the execution index entry stay untouched.
const UPSERT = `INSERT INTO task_runs (id, execution_id, data) VALUES ($1, $2, $3)
  ON CONFLICT (id) DO UPDATE SET data = excluded.data`

// One round trip for a batch; WITH ORDINALITY keeps the given order, hence the seq order.
const UPSERT_MANY = `INSERT INTO task_runs (id, execution_id, data)
  SELECT id, execution_id, data::json FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY
    AS batch (id, execution_id, data, position) ORDER BY position
  ON CONFLICT (id) DO UPDATE SET data = excluded.data`

export class PostgresTaskRunRepository implements TaskRunRepository {
  readonly #database: PostgresDatabase

  constructor(database: PostgresDatabase) {
    this.#database = database
  }

  async save(taskRun: TaskRunRecord): Promise<void> {
    await this.#database.query(UPSERT, [taskRun.id, taskRun.executionId, JSON.stringify(taskRun)])
  }

  async saveMany(taskRuns: TaskRunRecord[]): Promise<void> {
    if (taskRuns.length === 0) return
    await this.#database.query(UPSERT_MANY, [
      taskRuns.map((taskRun) => taskRun.id),
      taskRuns.map((taskRun) => taskRun.executionId),
      taskRuns.map((taskRun) => JSON.stringify(taskRun)),
    ])
  }

  async get(id: string): Promise<TaskRunRecord | undefined> {
    const [row] = await this.#database.query('SELECT data FROM task_runs WHERE id = $1', [id])
    return row ? toTaskRun(row, POSTGRES_COLUMNS) : undefined
  }

  async listByExecution(executionId: string): Promise<TaskRunRecord[]> {
    const rows = await this.#database.query(
      'SELECT data FROM task_runs WHERE execution_id = $1 ORDER BY seq',
      [executionId],
    )
    return rows.map((row) => toTaskRun(row, POSTGRES_COLUMNS))
  }
}
