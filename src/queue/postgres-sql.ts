/**
 * SQL of the PostgreSQL queue. The tables hold transient work (jobs live seconds), so they are created
 * idempotently on start rather than through the store's migrations; `schema` is a checked plain identifier.
 */
export function queueSchemaSql(schema: string): string {
  return `
    CREATE SCHEMA IF NOT EXISTS ${schema};
    CREATE TABLE IF NOT EXISTS ${schema}.queue_jobs (
      seq bigserial PRIMARY KEY,
      id uuid NOT NULL UNIQUE,
      queue text NOT NULL,
      data json NOT NULL,
      -- waiting → active (a worker holds it until locked_until, renewed while it runs) → deleted when settled;
      -- an active job whose lock lapsed (its worker died) goes back to waiting, or to failed after max attempts.
      state text NOT NULL DEFAULT 'waiting',
      attempt integer NOT NULL DEFAULT 0,
      worker_id text,
      locked_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX IF NOT EXISTS queue_jobs_waiting ON ${schema}.queue_jobs (queue, seq) WHERE state = 'waiting';
    CREATE INDEX IF NOT EXISTS queue_jobs_active ON ${schema}.queue_jobs (locked_until) WHERE state = 'active';
    -- Events too big for a NOTIFY payload (8000 bytes) travel by reference.
    CREATE TABLE IF NOT EXISTS ${schema}.queue_event_payloads (
      id bigserial PRIMARY KEY,
      payload text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );`
}

export function queueStatements(schema: string) {
  const jobs = `${schema}.queue_jobs`
  return {
    send: `WITH job AS (INSERT INTO ${jobs} (id, queue, data) VALUES ($1, $2, $3) RETURNING queue)
      SELECT pg_notify($4, queue) FROM job`,
    // SKIP LOCKED: concurrent workers each take different jobs without waiting on each other.
    fetch: `UPDATE ${jobs} SET state = 'active', attempt = attempt + 1, worker_id = $3,
        locked_until = now() + make_interval(secs => $4)
      WHERE seq IN (SELECT seq FROM ${jobs} WHERE queue = $1 AND state = 'waiting' ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED)
      RETURNING id, queue, data, attempt, seq`,
    // A consumer stopped while its fetch was in flight hands the job back untouched.
    release: `UPDATE ${jobs} SET state = 'waiting', attempt = attempt - 1, worker_id = NULL, locked_until = NULL
      WHERE id = $1 AND worker_id = $2 AND state = 'active'`,
    complete: `DELETE FROM ${jobs} WHERE id = $1 AND worker_id = $2 AND attempt = $3`,
    renew: `UPDATE ${jobs} SET locked_until = now() + make_interval(secs => $3)
      WHERE id = ANY($1::uuid[]) AND worker_id = $2 AND state = 'active'`,
    recover: `UPDATE ${jobs} SET state = CASE WHEN attempt >= $1 THEN 'failed' ELSE 'waiting' END, worker_id = NULL,
        locked_until = NULL
      WHERE state = 'active' AND locked_until < now()
      RETURNING id, queue, state, attempt`,
    size: `SELECT count(*) AS size FROM ${jobs} WHERE queue = $1 AND state = 'waiting'`,
    notify: 'SELECT pg_notify($1, $2)',
    storePayload: `WITH stored AS (INSERT INTO ${schema}.queue_event_payloads (payload) VALUES ($2) RETURNING id)
      SELECT pg_notify($1, json_build_object('ref', id)::text) FROM stored`,
    loadPayload: `SELECT payload FROM ${schema}.queue_event_payloads WHERE id = $1`,
    purgePayloads: `DELETE FROM ${schema}.queue_event_payloads WHERE created_at < now() - interval '10 minutes'`,
  }
}
