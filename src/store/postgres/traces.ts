import type { TraceEventRecord, TraceRepository } from '../types.ts'
import type { PostgresDatabase } from './database.ts'

// A batch is one statement; seqs are handed out in position order, so sorted seqs map back to the batch.
const INSERT_MANY = `INSERT INTO trace_events (execution_id, task_run_id, kind, timestamp, data)
  SELECT execution_id, task_run_id, kind, timestamp, data::json
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
    WITH ORDINALITY AS batch (execution_id, task_run_id, kind, timestamp, data, position)
  ORDER BY position
  RETURNING seq`

export class PostgresTraceRepository implements TraceRepository {
  readonly #database: PostgresDatabase

  constructor(database: PostgresDatabase) {
    this.#database = database
  }

  async append(events: TraceEventRecord[]): Promise<void> {
    if (events.length === 0) return
    const rows = await this.#database.query(INSERT_MANY, [
      events.map((event) => event.executionId),
      events.map((event) => event.taskRunId),
      events.map((event) => event.kind),
      events.map((event) => event.timestamp),
      events.map((event) => JSON.stringify(event.data)),
    ])
    const seqs = rows.map((row) => Number(row.seq)).sort((a, b) => a - b)
    events.forEach((event, index) => {
      event.seq = seqs[index]
    })
  }

  /** In `seq` order. */
  async listByExecution(executionId: string, afterSeq = 0): Promise<TraceEventRecord[]> {
    const rows = await this.#database.query(
      'SELECT * FROM trace_events WHERE execution_id = $1 AND seq > $2 ORDER BY seq',
      [executionId, afterSeq],
    )
    return rows.map((row) => ({
      seq: Number(row.seq),
      executionId: row.execution_id as string,
      taskRunId: row.task_run_id as string,
      kind: row.kind as string,
      timestamp: row.timestamp as string,
      data: row.data as Record<string, unknown>,
    }))
  }
}
