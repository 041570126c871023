/**
 * A PostgreSQL pool shared by the repositories: every connection uses the configured schema (`search_path`),
 * hot statements are prepared once per connection, and `transaction` pins one client in AsyncLocalStorage so
 * repository calls made inside the work run on it.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import pg from 'pg'
import { StoreError } from '../errors.ts'
import type { ColumnDecoder } from '../shared/rows.ts'

/** `pg` parses json/jsonb and booleans itself, and returns timestamptz columns as `Date`s. */
export const POSTGRES_COLUMNS: ColumnDecoder = {
  json: (value) => value,
  boolean: (value) => value as boolean,
  timestamp: (value) => (value as Date).toISOString(),
}

export interface PostgresConnectionOptions {
  url: string
  /** Schema holding the tables, created when missing. Default `public`. */
  schema?: string
  /** Connections in the pool. Default 10. */
  poolSize?: number
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/

type Row = Record<string, unknown>

/** Checks a schema name; only plain identifiers are accepted, so it can sit in `search_path` unquoted. */
export function checkSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new StoreError(
      'STORE_CONFIG',
      `PostgreSQL schema "${schema}" must be a plain identifier (letters, digits, _)`,
    )
  }
  return schema
}

/** Opens a pool whose connections all use `schema`, after creating the schema when missing. */
export async function openPool(
  options: PostgresConnectionOptions,
): Promise<{ pool: pg.Pool; schema: string }> {
  const schema = checkSchemaName(options.schema ?? 'public')
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    options: `-c search_path=${schema}`,
    connectionTimeoutMillis: 10_000,
  })
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {})
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`).catch((error) => {
      // Two processes creating the schema at once: the loser sees a duplicate, which is success for us.
      if ((error as { code?: string }).code !== '23505') throw error
    })
  } catch (error) {
    await pool.end()
    throw new StoreError(
      'STORE_UNREACHABLE',
      `Cannot use PostgreSQL at ${redactUrl(options.url)}: ${(error as Error).message}`,
      { cause: error },
    )
  }
  return { pool, schema }
}

/** The URL without its password, for error messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(invalid URL)'
  }
}

/**
 * Gives each record of a batch insert (`… ORDER BY position RETURNING seq`) its `seq`: a sequence hands values
 * out in insert order, so the sorted seqs are the records' in order.
 */
export function assignSeqs(records: { seq?: number }[], rows: Row[]): void {
  const seqs = rows.map((row) => Number(row.seq)).sort((a, b) => a - b)
  records.forEach((record, index) => {
    record.seq = seqs[index]
  })
}

export class PostgresDatabase {
  readonly pool: pg.Pool
  readonly schema: string
  readonly #context = new AsyncLocalStorage<pg.PoolClient>()
  readonly #statementNames = new Map<string, string>()

  constructor(pool: pg.Pool, schema: string) {
    this.pool = pool
    this.schema = schema
  }

  /** Runs one statement, on the transaction's client when inside `transaction`. Prepared once per connection. */
  async query(text: string, values: unknown[] = []): Promise<Row[]> {
    let name = this.#statementNames.get(text)
    if (!name) {
      name = `verity_${this.#statementNames.size}`
      this.#statementNames.set(text, name)
    }
    const client = this.#context.getStore() ?? this.pool
    const result = await client.query<Row>({ name, text, values })
    return result.rows
  }

  /** Runs SQL text that may hold several statements (DDL), unprepared, on the transaction's client if any. */
  async execute(text: string): Promise<void> {
    await (this.#context.getStore() ?? this.pool).query(text)
  }

  /** Atomic async work: commits when it resolves, rolls back when it throws. Nested calls join the outer one. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.#context.getStore()) return work()
    const client = await this.pool.connect()
    let broken: unknown
    try {
      await client.query('BEGIN')
      const result = await this.#context.run(client, work)
      await client.query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError) => {
        broken = rollbackError
      })
      throw error
    } finally {
      // A client whose rollback failed is in an unknown state: destroy it rather than reuse it.
      client.release(broken instanceof Error ? broken : undefined)
    }
  }

  async close(): Promise<void> {
    await this.pool.end()
  }
}
