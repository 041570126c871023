import { logQuery } from '../shared/queries.ts'
import { toLog } from '../shared/rows.ts'
import { logLevelRank } from '../shared/values.ts'
import type { LogFilter, LogRecord, LogRepository } from '../types.ts'
import type { SqliteDatabase, SqlValue } from './database.ts'

const INSERT = `INSERT INTO logs (execution_id, namespace, flow_id, task_id, task_run_id, attempt_number, level, message, timestamp)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`

export class SqliteLogRepository implements LogRepository {
  readonly #database: SqliteDatabase

  constructor(database: SqliteDatabase) {
    this.#database = database
  }

  /** One transaction per batch: a thousand lines cost about one commit. */
  append(logs: LogRecord[]): Promise<void> {
    if (logs.length === 0) return Promise.resolve()
    return this.#database.batch(() => {
      const statement = this.#database.statement(INSERT)
      for (const log of logs) {
        const result = statement.run(
          log.executionId,
          log.namespace,
          log.flowId,
          log.taskId ?? null,
          log.taskRunId ?? null,
          log.attemptNumber ?? null,
          logLevelRank(log.level),
          log.message,
          log.timestamp,
        )
        log.seq = Number(result.lastInsertRowid)
      }
    })
  }

  /** In `seq` order. */
  query(filter: LogFilter): Promise<LogRecord[]> {
    return this.#database.run(() => {
      const { sql, values } = logQuery(filter, 'question')
      return this.#database
        .statement(sql)
        .all(...(values as SqlValue[]))
        .map(toLog)
    })
  }

  deleteByExecution(executionId: string): Promise<void> {
    return this.#database.run(() => {
      this.#database.statement('DELETE FROM logs WHERE execution_id = ?').run(executionId)
    })
  }
}
