import { logLevelOfRank, logLevelRank } from '../shared.ts'
import type { LogFilter, LogRecord, LogRepository } from '../types.ts'
import type { PostgresDatabase } from './database.ts'

// A batch is one statement; seqs are handed out in position order, so sorted seqs map back to the batch.
const INSERT_MANY = `INSERT INTO logs (execution_id, namespace, flow_id, task_id, task_run_id, attempt_number, level, message, timestamp)
  SELECT execution_id, namespace, flow_id, task_id, task_run_id, attempt_number, level, message, timestamp
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::smallint[], $8::text[], $9::text[])
    WITH ORDINALITY AS batch (execution_id, namespace, flow_id, task_id, task_run_id, attempt_number, level, message, timestamp, position)
  ORDER BY position
  RETURNING seq`

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
    const seqs = rows.map((row) => Number(row.seq)).sort((a, b) => a - b)
    logs.forEach((log, index) => {
      log.seq = seqs[index]
    })
  }

  /** In `seq` order. */
  async query(filter: LogFilter): Promise<LogRecord[]> {
    const values: unknown[] = [filter.executionId]
    const conditions = ['execution_id = $1']
    const parameter = (value: unknown) => `$${values.push(value)}`
    if (filter.minLevel !== undefined) conditions.push(`level >= ${parameter(logLevelRank(filter.minLevel))}`)
    if (filter.taskRunId !== undefined) conditions.push(`task_run_id = ${parameter(filter.taskRunId)}`)
    if (filter.taskId !== undefined) conditions.push(`task_id = ${parameter(filter.taskId)}`)
    if (filter.afterSeq !== undefined) conditions.push(`seq > ${parameter(filter.afterSeq)}`)
    const limit = filter.limit === undefined ? '' : ` LIMIT ${parameter(filter.limit)}`
    const rows = await this.#database.query(
      `SELECT * FROM logs WHERE ${conditions.join(' AND ')} ORDER BY seq${limit}`,
      values,
    )
    return rows.map(toLog)
  }

  async deleteByExecution(executionId: string): Promise<void> {
    await this.#database.query('DELETE FROM logs WHERE execution_id = $1', [executionId])
  }
}
