import { toTraceEvent } from '../shared/rows.ts'
import type { TraceEventRecord, TraceRepository } from '../types.ts'
import { SQLITE_COLUMNS, type SqliteDatabase } from './database.ts'

export class SqliteTraceRepository implements TraceRepository {
  readonly #database: SqliteDatabase

  constructor(database: SqliteDatabase) {
    this.#database = database
  }

  append(events: TraceEventRecord[]): Promise<void> {
    if (events.length === 0) return Promise.resolve()
    return this.#database.batch(() => {
      const statement = this.#database.statement(
        'INSERT INTO trace_events (execution_id, task_run_id, kind, timestamp, data) VALUES (?, ?, ?, ?, ?)',
      )
      for (const event of events) {
        const result = statement.run(
          event.executionId,
          event.taskRunId,
          event.kind,
          event.timestamp,
          JSON.stringify(event.data),
        )
        event.seq = Number(result.lastInsertRowid)
      }
    })
  }

  /** In `seq` order. */
  listByExecution(executionId: string, afterSeq = 0): Promise<TraceEventRecord[]> {
    return this.#database.run(() =>
      this.#database
        .statement('SELECT * FROM trace_events WHERE execution_id = ? AND seq > ? ORDER BY seq')
        .all(executionId, afterSeq)
        .map((row) => toTraceEvent(row, SQLITE_COLUMNS)),
    )
  }
}
