import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { DEFAULT_MAX_FILE_SIZE } from '../file-uri.ts'
import type { Store } from '../types.ts'
import { SqliteDatabase } from './database.ts'
import { SqliteExecutionRepository } from './executions.ts'
import { SqliteFileRepository } from './files.ts'
import { SqliteFlowRepository } from './flows.ts'
import { SqliteKVRepository } from './kv.ts'
import { SqliteLogRepository } from './logs.ts'
import { migrateSqlite } from './migrations.ts'
import { SqliteSubmissionRepository } from './submissions.ts'
import { SqliteTaskRunRepository } from './task-runs.ts'
import { SqliteTraceRepository } from './traces.ts'

export interface SqliteStoreOptions {
  /** Holds `verity.db` and the `storage/` folder of files; created when missing. */
  dataDir: string
  /** Largest file `files.put` accepts, in bytes. Default 256 MiB. */
  maxFileSize?: number
  /** How long a write waits for another process's lock before failing. Default 5 s. */
  busyTimeoutMs?: number
}

/**
 * Opens the embedded store: `<dataDir>/verity.db` (migrated to the latest schema) and `<dataDir>/storage/`.
 *
 * @example
 * const store = await openSqliteStore({ dataDir: '.verity' })
 * await store.kv.set({ namespace: 'company', key: 'greeting', value: 'hi', secret: false })
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  await mkdir(options.dataDir, { recursive: true })
  const database = await SqliteDatabase.open(join(options.dataDir, 'verity.db'), options.busyTimeoutMs)
  try {
    migrateSqlite(database)
  } catch (error) {
    await database.close()
    throw error
  }
  return {
    kind: 'sqlite',
    flows: new SqliteFlowRepository(database),
    executions: new SqliteExecutionRepository(database),
    taskRuns: new SqliteTaskRunRepository(database),
    logs: new SqliteLogRepository(database),
    traces: new SqliteTraceRepository(database),
    kv: new SqliteKVRepository(database),
    files: new SqliteFileRepository(
      database,
      join(options.dataDir, 'storage'),
      options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    ),
    submissions: new SqliteSubmissionRepository(database),
    transaction: (work) => database.transaction(work),
    close: () => database.close(),
  }
}
