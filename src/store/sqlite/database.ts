/**
 * One SQLite connection shared by the repositories: pragmas, a prepared-statement cache and atomic
 * transactions around async work.
 *
 * `node:sqlite` is synchronous and there is a single connection, so while a transaction awaits, any other
 * statement would silently join it. Calls made outside the running transaction's async context therefore
 * wait until it ends (`run`), and transactions queue behind each other.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import type { ColumnDecoder } from '../shared/rows.ts'
import { loadSqlite } from './driver.ts'

export type SqlValue = string | number | bigint | null | Uint8Array

/** SQLite hands back JSON as text, booleans as 0/1 and timestamps as the ISO-8601 text they were stored as. */
export const SQLITE_COLUMNS: ColumnDecoder = {
  json: (value) => JSON.parse(value as string),
  boolean: (value) => value === 1,
  timestamp: (value) => value as string,
}

export class SqliteDatabase {
  readonly path: string
  readonly #connection: DatabaseSync
  readonly #statements = new Map<string, StatementSync>()
  readonly #context = new AsyncLocalStorage<true>()
  #running: Promise<void> | undefined

  private constructor(path: string, connection: DatabaseSync) {
    this.path = path
    this.#connection = connection
  }

  /** Opens (creating when missing) the database file with WAL, `synchronous=NORMAL` and foreign keys on. */
  static async open(path: string, busyTimeoutMs = 5000): Promise<SqliteDatabase> {
    const { DatabaseSync } = await loadSqlite()
    const connection = new DatabaseSync(path, { timeout: busyTimeoutMs, enableForeignKeyConstraints: true })
    connection.exec('PRAGMA journal_mode = WAL')
    // NORMAL in WAL mode: a power loss may drop the last commits, never corrupts; a killed process loses nothing.
    connection.exec('PRAGMA synchronous = NORMAL')
    connection.exec('PRAGMA foreign_keys = ON')
    // 32 MiB of page cache (default 2 MiB) keeps the indices of a busy database in memory.
    connection.exec('PRAGMA cache_size = -32768')
    return new SqliteDatabase(path, connection)
  }

  /** A cached prepared statement. */
  statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql)
    if (!statement) {
      statement = this.#connection.prepare(sql)
      this.#statements.set(sql, statement)
    }
    return statement
  }

  exec(sql: string): void {
    this.#connection.exec(sql)
  }

  /** Runs synchronous database work once no foreign transaction is open. */
  async run<T>(work: () => T): Promise<T> {
    while (this.#running && !this.#context.getStore()) await this.#running
    return work()
  }

  /** Runs synchronous work atomically (a batch of writes), joining the current transaction if any. */
  async batch<T>(work: () => T): Promise<T> {
    while (this.#running && !this.#context.getStore()) await this.#running
    if (this.#connection.isTransaction) return work()
    // IMMEDIATE: a batch that reads then writes cannot fail midway on another process's newer snapshot.
    this.#connection.exec('BEGIN IMMEDIATE')
    try {
      const result = work()
      this.#connection.exec('COMMIT')
      return result
    } catch (error) {
      this.#connection.exec('ROLLBACK')
      throw error
    }
  }

  /** Atomic async work: commits when it resolves, rolls back when it throws. Nested calls join the outer one. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.#context.getStore()) return work()
    while (this.#running) await this.#running
    let release!: () => void
    this.#running = new Promise((resolve) => {
      release = resolve
    })
    try {
      // IMMEDIATE takes the write lock now, so another process cannot make this transaction fail halfway.
      this.#connection.exec('BEGIN IMMEDIATE')
      try {
        const result = await this.#context.run(true, work)
        this.#connection.exec('COMMIT')
        return result
      } catch (error) {
        if (this.#connection.isTransaction) this.#connection.exec('ROLLBACK')
        throw error
      }
    } finally {
      this.#running = undefined
      release()
    }
  }

  /** Closes once the running transaction, if any, has ended. */
  async close(): Promise<void> {
    while (this.#running) await this.#running
    this.#statements.clear()
    if (this.#connection.isOpen) this.#connection.close()
  }
}
