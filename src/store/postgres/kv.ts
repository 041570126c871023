import { newKVEntry, toKVEntry } from '../shared/rows.ts'
import type { KVEntry, KVRepository } from '../types.ts'
import { POSTGRES_COLUMNS, type PostgresDatabase } from './database.ts'

const LIVE = '(expires_at IS NULL OR expires_at > now())'

/** Key-value entries per namespace; an expired entry reads as absent and is purged on the next write. */
export class PostgresKVRepository implements KVRepository {
  readonly #database: PostgresDatabase

  constructor(database: PostgresDatabase) {
    this.#database = database
  }

  async get(namespace: string, key: string): Promise<KVEntry | undefined> {
    const [row] = await this.#database.query(
      `SELECT * FROM kv WHERE namespace = $1 AND key = $2 AND ${LIVE}`,
      [namespace, key],
    )
    return row ? toKVEntry(row, POSTGRES_COLUMNS) : undefined
  }

  async set(entry: Omit<KVEntry, 'updated'>): Promise<KVEntry> {
    const stored = newKVEntry(entry)
    await this.#database.transaction(async () => {
      await this.#database.query('DELETE FROM kv WHERE namespace = $1 AND expires_at <= now()', [
        entry.namespace,
      ])
      await this.#database.query(
        `INSERT INTO kv (namespace, key, value, secret, expires_at, updated) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, secret = excluded.secret,
           expires_at = excluded.expires_at, updated = excluded.updated`,
        [
          stored.namespace,
          stored.key,
          JSON.stringify(stored.value),
          stored.secret,
          stored.expiresAt ?? null,
          stored.updated,
        ],
      )
    })
    return stored
  }

  /** True when a live entry was deleted; an expired one is purged too but reads as already gone. */
  async delete(namespace: string, key: string): Promise<boolean> {
    const [row] = await this.#database.query(
      `DELETE FROM kv WHERE namespace = $1 AND key = $2 RETURNING ${LIVE} AS live`,
      [namespace, key],
    )
    return row?.live === true
  }

  /** Live entries, by key. */
  async list(namespace: string): Promise<KVEntry[]> {
    const rows = await this.#database.query(
      `SELECT * FROM kv WHERE namespace = $1 AND ${LIVE} ORDER BY key`,
      [namespace],
    )
    return rows.map((row) => toKVEntry(row, POSTGRES_COLUMNS))
  }
}
