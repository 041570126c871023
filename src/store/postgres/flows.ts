import { likeContains, namespacePrefix, paging } from '../shared.ts'
import type { FlowRecord, FlowRepository, Page } from '../types.ts'
import type { PostgresDatabase } from './database.ts'

type Row = Record<string, unknown>

const LATEST = `revision = (SELECT max(revision) FROM flows AS newer WHERE newer.namespace = flows.namespace AND newer.id = flows.id)`

function toFlow(row: Row): FlowRecord {
  const flow: FlowRecord = {
    namespace: row.namespace as string,
    id: row.id as string,
    revision: Number(row.revision),
    source: row.source as string,
    deleted: row.deleted as boolean,
    updated: row.updated as string,
    labels: row.labels as Record<string, string>,
    disabled: row.disabled as boolean,
  }
  if (row.description !== null) flow.description = row.description as string
  return flow
}

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
      const [latest] = await this.#database.query(
        'SELECT * FROM flows WHERE namespace = $1 AND id = $2 ORDER BY revision DESC LIMIT 1',
        [flow.namespace, flow.id],
      )
      if (latest && !latest.deleted && latest.source === flow.source) return toFlow(latest)
      const record: FlowRecord = {
        namespace: flow.namespace,
        id: flow.id,
        revision: latest ? Number(latest.revision) + 1 : 1,
        source: flow.source,
        deleted: false,
        updated: new Date().toISOString(),
        labels: flow.labels,
        disabled: flow.disabled,
      }
      if (flow.description !== undefined) record.description = flow.description
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
    return toFlow(row)
  }

  async list(filter: {
    namespace?: string
    q?: string
    page?: number
    size?: number
  }): Promise<Page<FlowRecord>> {
    const conditions = ['NOT deleted', LATEST]
    const values: unknown[] = []
    if (filter.namespace !== undefined) {
      values.push(filter.namespace, namespacePrefix(filter.namespace))
      conditions.push(`(namespace = $${values.length - 1} OR namespace LIKE $${values.length})`)
    }
    if (filter.q) {
      values.push(likeContains(filter.q))
      const pattern = `$${values.length}`
      conditions.push(
        `(id LIKE ${pattern} OR namespace LIKE ${pattern} OR coalesce(description, '') LIKE ${pattern})`,
      )
    }
    const where = conditions.join(' AND ')
    const { limit, offset } = paging(filter.page, filter.size)
    const [total] = await this.#database.query(`SELECT count(*) AS total FROM flows WHERE ${where}`, values)
    const rows = await this.#database.query(
      `SELECT * FROM flows WHERE ${where} ORDER BY namespace, id LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, limit, offset],
    )
    return { results: rows.map(toFlow), total: Number(total.total) }
  }

  async revisions(namespace: string, id: string): Promise<FlowRecord[]> {
    const rows = await this.#database.query(
      'SELECT * FROM flows WHERE namespace = $1 AND id = $2 ORDER BY revision',
      [namespace, id],
    )
    return rows.map(toFlow)
  }

  async delete(namespace: string, id: string): Promise<boolean> {
    const rows = await this.#database.query(
      'UPDATE flows SET deleted = true, updated = $1 WHERE namespace = $2 AND id = $3 AND NOT deleted RETURNING revision',
      [new Date().toISOString(), namespace, id],
    )
    return rows.length > 0
  }
}
