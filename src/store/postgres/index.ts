import { DEFAULT_MAX_FILE_SIZE } from '../file-uri.ts'
import type { Store } from '../types.ts'
import { openPool, type PostgresConnectionOptions, PostgresDatabase } from './database.ts'
import { PostgresExecutionRepository } from './executions.ts'
import { PostgresFileRepository } from './files.ts'
import { PostgresFlowRepository } from './flows.ts'
import { PostgresKVRepository } from './kv.ts'
import { PostgresLogRepository } from './logs.ts'
import { migratePostgres } from './migrations.ts'
import { PostgresSubmissionRepository } from './submissions.ts'
import { PostgresTaskRunRepository } from './task-runs.ts'
import { PostgresTraceRepository } from './traces.ts'

export interface PostgresStoreOptions extends PostgresConnectionOptions {
  /** Largest file `files.put` accepts, in bytes. Default 256 MiB. */
  maxFileSize?: number
}

/**
 * Opens the distributed store: a pool on `url` whose tables live in `schema` (created and migrated as needed).
 *
 * @example
 * const store = await openPostgresStore({ url: 'postgres://postgres@127.0.0.1/verity', schema: 'verity' })
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const { pool, schema } = await openPool(options)
  const database = new PostgresDatabase(pool, schema)
  try {
    await migratePostgres(database)
  } catch (error) {
    await database.close()
    throw error
  }
  return {
    kind: 'postgres',
    flows: new PostgresFlowRepository(database),
    executions: new PostgresExecutionRepository(database),
    taskRuns: new PostgresTaskRunRepository(database),
    logs: new PostgresLogRepository(database),
    traces: new PostgresTraceRepository(database),
    kv: new PostgresKVRepository(database),
    files: new PostgresFileRepository(database, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE),
    submissions: new PostgresSubmissionRepository(database),
    transaction: (work) => database.transaction(work),
    close: () => database.close(),
  }
}
