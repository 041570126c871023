/**
 * SQLite schema, as ordered migrations. Nested records live in JSON columns (`data`); the columns beside them
 * exist for filtering, ordering and foreign keys only.
 */
import { checkNotNewer, type Migration, pendingMigrations } from '../shared/migrations.ts'
import type { SqliteDatabase } from './database.ts'
import { SUBMISSIONS_SCHEMA } from './submissions.ts'

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE flows (
        namespace TEXT NOT NULL,
        id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        source TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        updated TEXT NOT NULL,
        description TEXT,
        labels TEXT NOT NULL,
        disabled INTEGER NOT NULL,
        PRIMARY KEY (namespace, id, revision)
      ) WITHOUT ROWID;

      CREATE TABLE executions (
        id TEXT PRIMARY KEY,
        namespace TEXT NOT NULL,
        flow_id TEXT NOT NULL,
        state TEXT NOT NULL,
        start_date TEXT NOT NULL,
        parent_execution_id TEXT,
        labels TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX executions_by_flow ON executions (namespace, flow_id, start_date);
      CREATE INDEX executions_by_state ON executions (state, start_date);
      CREATE INDEX executions_by_start ON executions (start_date);
      CREATE INDEX executions_by_parent ON executions (parent_execution_id) WHERE parent_execution_id IS NOT NULL;

      CREATE TABLE task_runs (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        execution_id TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
        data TEXT NOT NULL
      );
      CREATE INDEX task_runs_by_execution ON task_runs (execution_id, seq);

      CREATE TABLE logs (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        execution_id TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
        namespace TEXT NOT NULL,
        flow_id TEXT NOT NULL,
        task_id TEXT,
        task_run_id TEXT,
        attempt_number INTEGER,
        level INTEGER NOT NULL,
        message TEXT NOT NULL,
        timestamp TEXT NOT NULL
      );
      CREATE INDEX logs_by_execution ON logs (execution_id, seq);

      CREATE TABLE trace_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        execution_id TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
        task_run_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        timestamp TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX trace_events_by_execution ON trace_events (execution_id, seq);

      CREATE TABLE kv (
        namespace TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        secret INTEGER NOT NULL,
        expires_at TEXT,
        updated TEXT NOT NULL,
        PRIMARY KEY (namespace, key)
      ) WITHOUT ROWID;

      CREATE TABLE files (
        uri TEXT PRIMARY KEY,
        namespace TEXT NOT NULL,
        execution_id TEXT NOT NULL,
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        created TEXT NOT NULL
      );
      CREATE INDEX files_by_execution ON files (execution_id);
    `,
  },
  { version: 2, name: 'judge0 submissions', sql: SUBMISSIONS_SCHEMA },
]

/** Brings the database to the latest schema; fails with `STORE_SCHEMA_TOO_NEW` for a newer database. */
export function migrateSqlite(
  database: SqliteDatabase,
  migrations: readonly Migration[] = SQLITE_MIGRATIONS,
): void {
  database.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  )
  const current = () =>
    Number(
      database.statement('SELECT coalesce(max(version), 0) AS version FROM schema_migrations').get()?.version,
    )
  checkNotNewer(current(), migrations, `at ${database.path}`)
  for (const migration of pendingMigrations(current(), migrations)) {
    // IMMEDIATE: two processes starting at once serialize here, and the second one re-checks the version.
    database.exec('BEGIN IMMEDIATE')
    try {
      if (current() < migration.version) {
        database.exec(migration.sql)
        database
          .statement('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(migration.version, migration.name, new Date().toISOString())
      }
      database.exec('COMMIT')
    } catch (error) {
      database.exec('ROLLBACK')
      throw error
    }
  }
}
