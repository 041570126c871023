/**
 * PostgreSQL schema, as ordered migrations. Nested records are `json` (kept verbatim: never queried inside);
 * labels are `jsonb` so label filters use containment (`@>`) with a GIN index.
 */
import { checkNotNewer, type Migration, pendingMigrations } from '../shared/migrations.ts'
import type { PostgresDatabase } from './database.ts'
import { SUBMISSIONS_SCHEMA } from './submissions.ts'

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE flows (
        namespace text NOT NULL,
        id text NOT NULL,
        revision integer NOT NULL,
        source text NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        updated text NOT NULL,
        description text,
        labels jsonb NOT NULL,
        disabled boolean NOT NULL,
        PRIMARY KEY (namespace, id, revision)
      );

      CREATE TABLE executions (
        id text PRIMARY KEY,
        namespace text NOT NULL,
        flow_id text NOT NULL,
        state text NOT NULL,
        start_date timestamptz NOT NULL,
        parent_execution_id text,
        labels jsonb NOT NULL,
        data json NOT NULL
      );
      CREATE INDEX executions_by_flow ON executions (namespace, flow_id, start_date);
      CREATE INDEX executions_by_state ON executions (state, start_date);
      CREATE INDEX executions_by_start ON executions (start_date);
      CREATE INDEX executions_by_parent ON executions (parent_execution_id) WHERE parent_execution_id IS NOT NULL;
      CREATE INDEX executions_by_labels ON executions USING gin (labels jsonb_path_ops);

      CREATE TABLE task_runs (
        seq bigserial PRIMARY KEY,
        id text NOT NULL UNIQUE,
        execution_id text NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
        data json NOT NULL
      );
      CREATE INDEX task_runs_by_execution ON task_runs (execution_id, seq);

      CREATE TABLE logs (
        seq bigserial PRIMARY KEY,
        execution_id text NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
        namespace text NOT NULL,
        flow_id text NOT NULL,
        task_id text,
        task_run_id text,
        attempt_number integer,
        level smallint NOT NULL,
        message text NOT NULL,
        timestamp text NOT NULL
      );
      CREATE INDEX logs_by_execution ON logs (execution_id, seq);

      CREATE TABLE trace_events (
        seq bigserial PRIMARY KEY,
        execution_id text NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
        task_run_id text NOT NULL,
        kind text NOT NULL,
        timestamp text NOT NULL,
        data json NOT NULL
      );
      CREATE INDEX trace_events_by_execution ON trace_events (execution_id, seq);

      CREATE TABLE kv (
        namespace text NOT NULL,
        key text NOT NULL,
        value json NOT NULL,
        secret boolean NOT NULL,
        expires_at timestamptz,
        updated text NOT NULL,
        PRIMARY KEY (namespace, key)
      );

      CREATE TABLE files (
        uri text PRIMARY KEY,
        namespace text NOT NULL,
        execution_id text NOT NULL,
        name text NOT NULL,
        size bigint NOT NULL,
        content bytea NOT NULL,
        created text NOT NULL
      );
      CREATE INDEX files_by_execution ON files (execution_id);
    `,
  },
  { version: 2, name: 'judge0 submissions', sql: SUBMISSIONS_SCHEMA },
]

/**
 * Brings the schema to the latest version, all pending steps in one transaction (all or nothing);
 * fails with `STORE_SCHEMA_TOO_NEW` for a newer database.
 */
export async function migratePostgres(
  database: PostgresDatabase,
  migrations: readonly Migration[] = POSTGRES_MIGRATIONS,
): Promise<void> {
  await database.transaction(async () => {
    // Serializes concurrent starters (several workers booting at once) on this schema.
    await database.execute(`SELECT pg_advisory_xact_lock(hashtext('verity-migrations:${database.schema}'))`)
    await database.execute(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    )
    const [row] = await database.query('SELECT coalesce(max(version), 0) AS version FROM schema_migrations')
    const current = Number(row.version)
    checkNotNewer(current, migrations, `in schema "${database.schema}"`)
    for (const migration of pendingMigrations(current, migrations)) {
      await database.execute(migration.sql)
      await database.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ])
    }
  })
}
