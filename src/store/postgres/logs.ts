import { logQuery } from '../shared/queries.ts'
import { toLog } from '../shared/rows.ts'
import { logLevelRank } from '../shared/values.ts'
import type { LogFilter, LogRecord, LogRepository } from '../types.ts'
import { assignSeqs, type PostgresDatabase } from './database.ts'

// A batch is one statement; `assignSeqs` maps the returned seqs back to the batch.
const INSERT_MANY = `INSERT INTO logs (execution_id, namespace, flow_id, task_id, task_run_id, attempt_number, level, message, timestamp)
  SELECT execution_id, namespace, flow_id, task_id, task_run_id, attempt_number, level, message, timestamp
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::smallint[], $8::text[], $9::text[])
    WITH ORDINALITY AS batch (execution_id, namespace, flow_id, task_id, task_run_id, attempt_number, level, message, timestamp, position)
  ORDER BY position
  RETURNING seq`

export class PostgresLogRepository implements LogRepository {
  readonly #database: PostgresDatabase

  constructor(database: PostgresDatabase) {
    this.#database = database
  }

  async append(logs: LogRecord[]): Promise<void> {
    if (logs.length === 0) return
    const rows = await this.#database.query(INSERT_MANY, [
      logs.map((log) => log.executionId),
      logs.map((log) => log.namespace),
      logs.map((log) => log.flowId),
      logs.map((log) => log.taskId ?? null),
      logs.map((log) => log.taskRunId ?? null),
      logs.map((log) => log.attemptNumber ?? null),
      logs.map((log) => logLevelRank(log.level)),
      logs.map((log) => log.message),
      logs.map((log) => log.timestamp),
    ])
    assignSeqs(logs, rows)
  }

  /** In `seq` order. */
  async query(filter: LogFilter): Promise<LogRecord[]> {
    const { sql, values } = logQuery(filter, 'numbered')
    const rows = await this.#database.query(sql, values)
    return rows.map(toLog)
  }

  async deleteByExecution(executionId: string): Promise<void> {
    await this.#database.query('DELETE FROM logs WHERE execution_id = $1', [executionId])
  }
}
