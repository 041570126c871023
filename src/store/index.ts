/**
 * The store area's public face: repository types and `createStore`, which opens the configured backend.
 */
import type { StoreConfig } from '../config/store.ts'
import { StoreError } from './errors.ts'
import { openSqliteStore } from './sqlite/index.ts'
import type { Store } from './types.ts'

export { StoreError } from './errors.ts'
export { formatFileUri, parseFileUri } from './file-uri.ts'
export type * from './types.ts'
export { TERMINAL_STATES } from './types.ts'

/**
 * Opens the store `config` names: SQLite at `<dataDir>/verity.db` (files in `<dataDir>/storage/`) by default,
 * or PostgreSQL at `config.url` in `config.schema`. Migrates the schema to the latest version.
 *
 * @example
 * const store = await createStore({ type: 'sqlite' }, '.verity')
 */
export async function createStore(config: StoreConfig, dataDir: string): Promise<Store> {
  if (config.type === 'postgres') {
    if (!config.url) {
      throw new StoreError(
        'STORE_CONFIG',
        'store.type is "postgres" but store.url (a PostgreSQL connection string) is missing',
      )
    }
    // Loaded on demand: embedded mode never pays for the PostgreSQL driver.
    const { openPostgresStore } = await import('./postgres/index.ts')
    return openPostgresStore({ url: config.url, schema: config.schema, maxFileSize: config.maxFileSize })
  }
  return openSqliteStore({ dataDir, maxFileSize: config.maxFileSize })
}
