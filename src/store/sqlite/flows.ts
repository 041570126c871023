import { flowListQueries } from '../shared/queries.ts'
import { nextFlowRevision, toFlow } from '../shared/rows.ts'
import type { FlowRecord, FlowRepository, Page } from '../types.ts'
import { SQLITE_COLUMNS, type SqliteDatabase, type SqlValue } from './database.ts'

/** Flows with revisions: every changed source is a new revision; deleting marks all revisions deleted. */
export class SqliteFlowRepository implements FlowRepository {
  readonly #database: SqliteDatabase

  constructor(database: SqliteDatabase) {
    this.#database = database
  }

  save(flow: Omit<FlowRecord, 'revision' | 'updated' | 'deleted'>): Promise<FlowRecord> {
    return this.#database.batch(() => {
      const row = this.#database
        .statement(`SELECT * FROM flows WHERE namespace = ? AND id = ? ORDER BY revision DESC LIMIT 1`)
        .get(flow.namespace, flow.id)
      const latest = row ? toFlow(row, SQLITE_COLUMNS) : undefined
      const record = nextFlowRevision(flow, latest)
      if (record === latest) return record
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
      return toFlow(row, SQLITE_COLUMNS)
    })
  }

  list(filter: { namespace?: string; q?: string; page?: number; size?: number }): Promise<Page<FlowRecord>> {
    return this.#database.run(() => {
      const { count, page } = flowListQueries(filter, 'question', 'deleted = 0')
      const total = this.#database.statement(count.sql).get(...(count.values as SqlValue[]))
      const rows = this.#database.statement(page.sql).all(...(page.values as SqlValue[]))
      return { results: rows.map((row) => toFlow(row, SQLITE_COLUMNS)), total: Number(total?.total) }
    })
  }

  revisions(namespace: string, id: string): Promise<FlowRecord[]> {
    return this.#database.run(() =>
      this.#database
        .statement(`SELECT * FROM flows WHERE namespace = ? AND id = ? ORDER BY revision`)
        .all(namespace, id)
        .map((row) => toFlow(row, SQLITE_COLUMNS)),
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
