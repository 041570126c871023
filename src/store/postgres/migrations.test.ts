import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import pg from 'pg'
import { createStore } from '../index.ts'
import { POSTGRES_MIGRATIONS } from './migrations.ts'
import { createTestSchema, dropTestSchema, TEST_DATABASE_URL } from './test-database.ts'

const schema = await createTestSchema('verity_migrations')
const otherSchema = await createTestSchema('verity_migrations')
after(async () => {
  await dropTestSchema(schema)
  await dropTestSchema(otherSchema)
})

async function versions(inSchema: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await client.connect()
  try {
    const result = await client.query(`SELECT version FROM ${inSchema}.schema_migrations ORDER BY version`)
    return result.rows.map((row) => row.version)
  } finally {
    await client.end()
  }
}

describe('postgres store lifecycle', () => {
  it('migrates its own schema once and keeps schemas apart', async () => {
    const [first, second] = await Promise.all([
      createStore({ type: 'postgres', url: TEST_DATABASE_URL, schema }, 'unused'),
      createStore({ type: 'postgres', url: TEST_DATABASE_URL, schema }, 'unused'),
    ])
    const other = await createStore(
      { type: 'postgres', url: TEST_DATABASE_URL, schema: otherSchema },
      'unused',
    )
    await first.kv.set({ namespace: 'company', key: 'here', value: 1, secret: false })
    assert.equal((await second.kv.get('company', 'here'))?.value, 1)
    assert.equal(await other.kv.get('company', 'here'), undefined)
    await Promise.all([first.close(), second.close(), other.close()])
    assert.deepEqual(
      await versions(schema),
      POSTGRES_MIGRATIONS.map((migration) => migration.version),
    )
  })

  it('refuses a schema written by a newer Verity', async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
    await client.connect()
    await client.query(`INSERT INTO ${schema}.schema_migrations (version, name) VALUES (999, 'future')`)
    await client.end()
    await assert.rejects(createStore({ type: 'postgres', url: TEST_DATABASE_URL, schema }, 'unused'), {
      code: 'STORE_SCHEMA_TOO_NEW',
    })
  })

  it('names the server it cannot reach, without the password, and refuses unsafe schema names', async () => {
    await assert.rejects(
      createStore({ type: 'postgres', url: 'postgres://postgres:hunter2@127.0.0.1:1/test' }, 'unused'),
      (error: Error & { code?: string }) =>
        error.code === 'STORE_UNREACHABLE' &&
        /127\.0\.0\.1:1/.test(error.message) &&
        !/hunter2/.test(error.message),
    )
    await assert.rejects(
      createStore({ type: 'postgres', url: TEST_DATABASE_URL, schema: 'x; DROP TABLE y' }, 'unused'),
      { code: 'STORE_CONFIG' },
    )
    await assert.rejects(createStore({ type: 'postgres' }, 'unused'), { code: 'STORE_CONFIG' })
  })
})
