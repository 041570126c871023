import { likeContains, namespacePrefix, paging } from '../shared.ts'
import type { FlowRecord, FlowRepository, Page } from '../types.ts'
import type { SqliteDatabase } from './database.ts'

type Row = Record<string, unknown>

const LATEST = `revision = (SELECT max(revision) FROM flows AS newer WHERE newer.namespace = flows.namespace AND newer.id = flows.id)`

function toFlow(row: Row): FlowRecord {
  const flow: FlowRecord = {
    namespace: row.namespace as string,
    id: row.id as string,
    revision: Number(row.revision),
    source: row.source as string,
    deleted: row.deleted === 1,
    updated: row.updated as string,
    labels: JSON.parse(row.labels as string),
    disabled: row.disabled === 1,
  }
  if (row.description !== null) flow.description = row.description as string
  return flow
}

/** Flows with revisions: every changed source is a new revision; deleting marks all revisions deleted. */
export class SqliteFlowRepository implements FlowRepository {
  readonly #database: SqliteDatabase

  constructor(database: SqliteDatabase) {
    this.#database = database
  }

  save(flow: Omit<FlowRecord, 'revision' | 'updated' | 'deleted'>): Promise<FlowRecord> {
    return this.#database.batch(() => {
      const latest = this.#database
        .statement(`SELECT * FROM flows WHERE namespace = ? AND id = ? ORDER BY revision DESC LIMIT 1`)
        .get(flow.namespace, flow.id)
      if (latest && latest.deleted === 0 && latest.source === flow.source) return toFlow(latest)
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
      this.#database
        .statement(
          `INSERT INTO flows (namespace, id, revision, source, deleted, updated, description, labels, disabled)
           VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)`,
        )
        .run(
          record.namespace,
          record.id,
          record.revision,
          record.source,
          record.updated,
          record.description ?? null,
          JSON.stringify(record.labels),
          record.disabled ? 1 : 0,
        )
      return record
    })
  }

  get(namespace: string, id: string, revision?: number): Promise<FlowRecord | undefined> {
    return this.#database.run(() => {
      const row =
        revision === undefined
          ? this.#database
              .statement(`SELECT * FROM flows WHERE namespace = ? AND id = ? ORDER BY revision DESC LIMIT 1`)
              .get(namespace, id)
          : this.#database
              .statement(`SELECT * FROM flows WHERE namespace = ? AND id = ? AND revision = ?`)
              .get(namespace, id, revision)
      if (!row || (revision === undefined && row.deleted === 1)) return undefined
      return toFlow(row)
    })
  }

  list(filter: { namespace?: string; q?: string; page?: number; size?: number }): Promise<Page<FlowRecord>> {
    return this.#database.run(() => {
      const conditions = ['deleted = 0', LATEST]
      const parameters: string[] = []
      if (filter.namespace !== undefined) {
        conditions.push(`(namespace = ? OR namespace LIKE ? ESCAPE '\\')`)
        parameters.push(filter.namespace, namespacePrefix(filter.namespace))
      }
      if (filter.q) {
        conditions.push(
          `(id LIKE ? ESCAPE '\\' OR namespace LIKE ? ESCAPE '\\' OR coalesce(description, '') LIKE ? ESCAPE '\\')`,
        )
        const pattern = likeContains(filter.q)
        parameters.push(pattern, pattern, pattern)
      }
      const where = conditions.join(' AND ')
      const { limit, offset } = paging(filter.page, filter.size)
      const total = this.#database
        .statement(`SELECT count(*) AS total FROM flows WHERE ${where}`)
        .get(...parameters)
      const rows = this.#database
        .statement(`SELECT * FROM flows WHERE ${where} ORDER BY namespace, id LIMIT ? OFFSET ?`)
        .all(...parameters, limit, offset)
      return { results: rows.map(toFlow), total: Number(total?.total) }
    })
  }

  revisions(namespace: string, id: string): Promise<FlowRecord[]> {
    return this.#database.run(() =>
      this.#database
        .statement(`SELECT * FROM flows WHERE namespace = ? AND id = ? ORDER BY revision`)
        .all(namespace, id)
        .map(toFlow),
    )
  }

  delete(namespace: string, id: string): Promise<boolean> {
    return this.#database.run(() => {
      const result = this.#database
        .statement(`UPDATE flows SET deleted = 1, updated = ? WHERE namespace = ? AND id = ? AND deleted = 0`)
        .run(new Date().toISOString(), namespace, id)
      return Number(result.changes) > 0
    })
  }
}
