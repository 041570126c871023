import { flowListQueries } from '../shared/queries.ts'
import { nextFlowRevision, toFlow } from '../shared/rows.ts'
import type { FlowRecord, FlowRepository, Page } from '../types.ts'
import { POSTGRES_COLUMNS, type PostgresDatabase } from './database.ts'

/** Flows with revisions: every changed source is a new revision; deleting marks all revisions deleted. */
export class PostgresFlowRepository implements FlowRepository {
  readonly #database: PostgresDatabase

  constructor(database: PostgresDatabase) {
    this.#database = database
  }

  save(flow: Omit<FlowRecord, 'revision' | 'updated' | 'deleted'>): Promise<FlowRecord> {
    return this.#database.transaction(async () => {
      // Serializes saves of one flow (even its first, which has no row to lock) so revisions never collide.
      await this.#database.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `verity-flow:${flow.namespace}/${flow.id}`,
      ])
      const [row] = await this.#database.query(
        'SELECT * FROM flows WHERE namespace = $1 AND id = $2 ORDER BY revision DESC LIMIT 1',
        [flow.namespace, flow.id],
      )
      const latest = row ? toFlow(row, POSTGRES_COLUMNS) : undefined
      const record = nextFlowRevision(flow, latest)
      if (record === latest) return record
      await this.#database.query(
        `INSERT INTO flows (namespace, id, revision, source, deleted, updated, description, labels, disabled)
         VALUES ($1, $2, $3, $4, false, $5, $6, $7, $8)`,
        [
          record.namespace,
          record.id,
          record.revision,
          record.source,
          record.updated,
          record.description ?? null,
          JSON.stringify(record.labels),
          record.disabled,
        ],
      )
      return record
    })
  }

  async get(namespace: string, id: string, revision?: number): Promise<FlowRecord | undefined> {
    const [row] =
      revision === undefined
        ? await this.#database.query(
            'SELECT * FROM flows WHERE namespace = $1 AND id = $2 ORDER BY revision DESC LIMIT 1',
            [namespace, id],
          )
        : await this.#database.query(
            'SELECT * FROM flows WHERE namespace = $1 AND id = $2 AND revision = $3',
            [namespace, id, revision],
          )
    if (!row || (revision === undefined && row.deleted)) return undefined
    return toFlow(row, POSTGRES_COLUMNS)
  }

  async list(filter: {
    namespace?: string
    q?: string
    page?: number
    size?: number
  }): Promise<Page<FlowRecord>> {
    const { count, page } = flowListQueries(filter, 'numbered', 'NOT deleted')
    const [total] = await this.#database.query(count.sql, count.values)
    const rows = await this.#database.query(page.sql, page.values)
    return { results: rows.map((row) => toFlow(row, POSTGRES_COLUMNS)), total: Number(total.total) }
  }

  async revisions(namespace: string, id: string): Promise<FlowRecord[]> {
    const rows = await this.#database.query(
      'SELECT * FROM flows WHERE namespace = $1 AND id = $2 ORDER BY revision',
      [namespace, id],
    )
    return rows.map((row) => toFlow(row, POSTGRES_COLUMNS))
  }

  async delete(namespace: string, id: string): Promise<boolean> {
    const rows = await this.#database.query(
      'UPDATE flows SET deleted = true, updated = $1 WHERE namespace = $2 AND id = $3 AND NOT deleted RETURNING revision',
      [new Date().toISOString(), namespace, id],
    )
    return rows.length > 0
  }
}
