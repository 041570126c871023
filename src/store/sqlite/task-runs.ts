import { toTaskRun } from '../shared/rows.ts'
import type { TaskRunRecord, TaskRunRepository } from '../types.ts'
import { SQLITE_COLUMNS, type SqliteDatabase } from './database.ts'

// Only `data` is rewritten on update: `seq` (creation order) and the execution index entry stay untouched.
const UPSERT = `INSERT INTO task_runs (id, execution_id, data) VALUES (?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET data = excluded.data`

export class SqliteTaskRunRepository implements TaskRunRepository {
  readonly #database: SqliteDatabase

  constructor(database: SqliteDatabase) {
    this.#database = database
  }

  save(taskRun: TaskRunRecord): Promise<void> {
    return this.#database.run(() => {
      this.#database.statement(UPSERT).run(taskRun.id, taskRun.executionId, JSON.stringify(taskRun))
    })
  }

  saveMany(taskRuns: TaskRunRecord[]): Promise<void> {
    return this.#database.batch(() => {
      const statement = this.#database.statement(UPSERT)
      for (const taskRun of taskRuns) statement.run(taskRun.id, taskRun.executionId, JSON.stringify(taskRun))
    })
  }

  get(id: string): Promise<TaskRunRecord | undefined> {
    return this.#database.run(() => {
      const row = this.#database.statement('SELECT data FROM task_runs WHERE id = ?').get(id)
      return row ? toTaskRun(row, SQLITE_COLUMNS) : undefined
    })
  }

  listByExecution(executionId: string): Promise<TaskRunRecord[]> {
    return this.#database.run(() =>
      this.#database
        .statement('SELECT data FROM task_runs WHERE execution_id = ? ORDER BY seq')
        .all(executionId)
        .map((row) => toTaskRun(row, SQLITE_COLUMNS)),
    )
  }
}
