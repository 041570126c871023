import { toTraceEvent } from '../shared/rows.ts'
import type { TraceEventRecord, TraceRepository } from '../types.ts'
import { assignSeqs, POSTGRES_COLUMNS, type PostgresDatabase } from './database.ts'

// A batch is one statement; `assignSeqs` maps the returned seqs back to the batch.
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
    assignSeqs(events, rows)
  }

  /** In `seq` order. */
  async listByExecution(executionId: string, afterSeq = 0): Promise<TraceEventRecord[]> {
    const rows = await this.#database.query(
      'SELECT * FROM trace_events WHERE execution_id = $1 AND seq > $2 ORDER BY seq',
      [executionId, afterSeq],
    )
    return rows.map((row) => toTraceEvent(row, POSTGRES_COLUMNS))
  }
}
