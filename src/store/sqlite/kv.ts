import { newKVEntry, toKVEntry } from '../shared/rows.ts'
import type { KVEntry, KVRepository } from '../types.ts'
import { SQLITE_COLUMNS, type SqliteDatabase } from './database.ts'

const LIVE = '(expires_at IS NULL OR expires_at > ?)'

/** Key-value entries per namespace; an expired entry reads as absent and is purged on the next write. */
export class SqliteKVRepository implements KVRepository {
  readonly #database: SqliteDatabase

  constructor(database: SqliteDatabase) {
    this.#database = database
  }

  get(namespace: string, key: string): Promise<KVEntry | undefined> {
    return this.#database.run(() => {
      const row = this.#database
        .statement(`SELECT * FROM kv WHERE namespace = ? AND key = ? AND ${LIVE}`)
        .get(namespace, key, new Date().toISOString())
      return row ? toKVEntry(row, SQLITE_COLUMNS) : undefined
    })
  }

  async set(entry: Omit<KVEntry, 'updated'>): Promise<KVEntry> {
    const stored = newKVEntry(entry)
    const value = JSON.stringify(stored.value)
    return this.#database.batch(() => {
      this.#database
        .statement('DELETE FROM kv WHERE namespace = ? AND expires_at <= ?')
        .run(entry.namespace, stored.updated)
      this.#database
        .statement(
          `INSERT INTO kv (namespace, key, value, secret, expires_at, updated) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, secret = excluded.secret,
             expires_at = excluded.expires_at, updated = excluded.updated`,
        )
        .run(
          entry.namespace,
          entry.key,
          value,
          entry.secret ? 1 : 0,
          stored.expiresAt ?? null,
          stored.updated,
        )
      return stored
    })
  }

  /** True when a live entry was deleted; an expired one is purged too but reads as already gone. */
  delete(namespace: string, key: string): Promise<boolean> {
    return this.#database.run(() => {
      const row = this.#database
        .statement('DELETE FROM kv WHERE namespace = ? AND key = ? RETURNING expires_at')
        .get(namespace, key)
      return (
        row !== undefined &&
        (row.expires_at === null || (row.expires_at as string) > new Date().toISOString())
      )
    })
  }

  /** Live entries, by key. */
  list(namespace: string): Promise<KVEntry[]> {
    return this.#database.run(() =>
      this.#database
        .statement(`SELECT * FROM kv WHERE namespace = ? AND ${LIVE} ORDER BY key`)
        .all(namespace, new Date().toISOString())
        .map((row) => toKVEntry(row, SQLITE_COLUMNS)),
    )
  }
}
