/**
 * For tests: a private schema in the test database, so suites running at once never see each other's rows.
 * An unreachable database fails the suite with a clear message; it never skips silently.
 */
import { randomUUID } from 'node:crypto'
import pg from 'pg'

/** `VERITY_TEST_DATABASE_URL`, or the local trust-auth database CI provides. */
export const TEST_DATABASE_URL =
  process.env.VERITY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
  try {
    await client.connect()
  } catch (error) {
    throw new Error(
      `PostgreSQL tests need the database at ${TEST_DATABASE_URL} (set VERITY_TEST_DATABASE_URL to use another): ${(error as Error).message}`,
      { cause: error },
    )
  }
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** Creates an empty schema with a unique name and returns the name. */
export function createTestSchema(prefix: string): Promise<string> {
  const schema = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 16)}`
  return withClient(async (client) => {
    await client.query(`CREATE SCHEMA ${schema}`)
    return schema
  })
}

export function dropTestSchema(schema: string): Promise<void> {
  return withClient(async (client) => {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  })
}
