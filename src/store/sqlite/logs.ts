import { logLevelOfRank, logLevelRank } from '../shared.ts'
import type { LogFilter, LogRecord, LogRepository } from '../types.ts'
import type { SqliteDatabase, SqlValue } from './database.ts'

const INSERT = `INSERT INTO logs (execution_id, namespace, flow_id, task_id, task_run_id, attempt_number, level, message, timestamp)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`

function toLog(row: Record<string, unknown>): LogRecord {
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
      const conditions = ['execution_id = ?']
      const parameters: SqlValue[] = [filter.executionId]
      if (filter.minLevel !== undefined) {
        conditions.push('level >= ?')
        parameters.push(logLevelRank(filter.minLevel))
      }
      if (filter.taskRunId !== undefined) {
        conditions.push('task_run_id = ?')
        parameters.push(filter.taskRunId)
      }
      if (filter.taskId !== undefined) {
        conditions.push('task_id = ?')
        parameters.push(filter.taskId)
      }
      if (filter.afterSeq !== undefined) {
        conditions.push('seq > ?')
        parameters.push(filter.afterSeq)
      }
      const limit = filter.limit === undefined ? '' : ' LIMIT ?'
      if (filter.limit !== undefined) parameters.push(filter.limit)
      return this.#database
        .statement(`SELECT * FROM logs WHERE ${conditions.join(' AND ')} ORDER BY seq${limit}`)
        .all(...parameters)
        .map(toLog)
    })
  }

  deleteByExecution(executionId: string): Promise<void> {
    return this.#database.run(() => {
      this.#database.statement('DELETE FROM logs WHERE execution_id = ?').run(executionId)
    })
  }
}
