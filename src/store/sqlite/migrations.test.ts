import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { createStore } from '../index.ts'
import { SqliteDatabase } from './database.ts'
import { SQLITE_MIGRATIONS } from './migrations.ts'

const dataDir = await mkdtemp(join(tmpdir(), 'verity-sqlite-migrations-'))
after(() => rm(dataDir, { recursive: true, force: true }))

describe('sqlite store lifecycle', () => {
  it('creates <dataDir>/verity.db, applies each migration once, and keeps data across reopenings', async () => {
    const store = await createStore({ type: 'sqlite' }, dataDir)
    await store.kv.set({ namespace: 'company', key: 'kept', value: true, secret: false })
    await store.close()
    assert.ok((await stat(join(dataDir, 'verity.db'))).isFile())
    const reopened = await createStore({ type: 'sqlite' }, dataDir)
    assert.equal((await reopened.kv.get('company', 'kept'))?.value, true)
    await reopened.close()
    const database = await SqliteDatabase.open(join(dataDir, 'verity.db'))
    const versions = database.statement('SELECT version FROM schema_migrations ORDER BY version').all()
    assert.deepEqual(
      versions.map((row) => row.version),
      SQLITE_MIGRATIONS.map((migration) => migration.version),
    )
    const journal = database.statement('PRAGMA journal_mode').get()
    assert.equal(journal?.journal_mode, 'wal')
    await database.close()
  })

  it('refuses a database written by a newer Verity', async () => {
    const database = await SqliteDatabase.open(join(dataDir, 'verity.db'))
    database
      .statement("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'now')")
      .run()
    await database.close()
    await assert.rejects(createStore({ type: 'sqlite' }, dataDir), {
      code: 'STORE_SCHEMA_TOO_NEW',
      message: /schema version 999.*up to \d+/,
    })
  })

  it('loads node:sqlite without printing its ExperimentalWarning, yet keeps other warnings', async () => {
    const script = `
      const { openSqliteStore } = await import(${JSON.stringify(new URL('./index.ts', import.meta.url).href)})
      const store = await openSqliteStore({ dataDir: ${JSON.stringify(join(dataDir, 'quiet'))} })
      await store.close()
      process.emitWarning('still shown', 'ExperimentalWarning')`
    const { stderr } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script])
    assert.doesNotMatch(stderr, /SQLite/)
    assert.match(stderr, /still shown/)
  })
})
