import { submissionUpsert } from '../shared/queries.ts'
import { toSubmission } from '../shared/rows.ts'
import { paging } from '../shared/values.ts'
import type { Page, SubmissionRecord, SubmissionRepository, SubmissionStatistics } from '../types.ts'
import { POSTGRES_COLUMNS, type PostgresDatabase } from './database.ts'

/** Schema of the Judge0 submissions table (migration 2). Dates are ISO-8601 text, like the SQLite backend's. */
export const SUBMISSIONS_SCHEMA = `
  CREATE TABLE judge0_submissions (
    token text PRIMARY KEY,
    status_id integer NOT NULL,
    language_id integer NOT NULL,
    created_at text NOT NULL,
    finished_at text,
    data json NOT NULL
  );
  CREATE INDEX judge0_submissions_by_created ON judge0_submissions (created_at);
  CREATE INDEX judge0_submissions_unfinished ON judge0_submissions (status_id) WHERE status_id IN (1, 2);
`

/** Judge0 submissions, keyed by token. */
export class PostgresSubmissionRepository implements SubmissionRepository {
  readonly #database: PostgresDatabase

  constructor(database: PostgresDatabase) {
    this.#database = database
  }

  async save(submission: SubmissionRecord): Promise<void> {
    const { sql, values } = submissionUpsert(submission, 'numbered')
    await this.#database.query(sql, values)
  }

  async get(token: string): Promise<SubmissionRecord | undefined> {
    const [row] = await this.#database.query('SELECT * FROM judge0_submissions WHERE token = $1', [token])
    return row ? toSubmission(row, POSTGRES_COLUMNS) : undefined
  }

  async getMany(tokens: string[]): Promise<SubmissionRecord[]> {
    if (tokens.length === 0) return []
    const rows = await this.#database.query('SELECT * FROM judge0_submissions WHERE token = ANY($1)', [
      tokens,
    ])
    return rows.map((row) => toSubmission(row, POSTGRES_COLUMNS))
  }

  async list(filter: { page?: number; size?: number }): Promise<Page<SubmissionRecord>> {
    const { limit, offset } = paging(filter.page, filter.size)
    const [total] = await this.#database.query('SELECT count(*) AS total FROM judge0_submissions')
    const rows = await this.#database.query(
      'SELECT * FROM judge0_submissions ORDER BY created_at DESC, token DESC LIMIT $1 OFFSET $2',
      [limit, offset],
    )
    return { results: rows.map((row) => toSubmission(row, POSTGRES_COLUMNS)), total: Number(total.total) }
  }

  async delete(token: string): Promise<boolean> {
    const rows = await this.#database.query(
      'DELETE FROM judge0_submissions WHERE token = $1 RETURNING token',
      [token],
    )
    return rows.length > 0
  }

  async transition(token: string, from: number, to: number): Promise<boolean> {
    const rows = await this.#database.query(
      'UPDATE judge0_submissions SET status_id = $1 WHERE token = $2 AND status_id = $3 RETURNING token',
      [to, token, from],
    )
    return rows.length > 0
  }

  async listUnfinished(): Promise<SubmissionRecord[]> {
    const rows = await this.#database.query(
      'SELECT * FROM judge0_submissions WHERE status_id IN (1, 2) ORDER BY created_at, token',
    )
    return rows.map((row) => toSubmission(row, POSTGRES_COLUMNS))
  }

  async statistics(since: string[]): Promise<SubmissionStatistics> {
    const [totals] = await this.#database.query(
      `SELECT count(*) AS total,
         coalesce((SELECT array_agg(count ORDER BY position) FROM (
           SELECT position, (SELECT count(*) FROM judge0_submissions WHERE created_at >= date) AS count
           FROM unnest($1::text[]) WITH ORDINALITY AS dates (date, position)) AS counts), '{}') AS created_since
       FROM judge0_submissions`,
      [since],
    )
    const byLanguage = await this.#database.query(
      'SELECT language_id, count(*) AS count FROM judge0_submissions GROUP BY language_id ORDER BY count DESC, language_id',
    )
    const byStatus = await this.#database.query(
      'SELECT status_id, count(*) AS count FROM judge0_submissions GROUP BY status_id ORDER BY status_id',
    )
    return {
      total: Number(totals.total),
      createdSince: (totals.created_since as string[]).map(Number),
      byLanguage: byLanguage.map((row) => ({
        languageId: Number(row.language_id),
        count: Number(row.count),
      })),
      byStatus: byStatus.map((row) => ({ statusId: Number(row.status_id), count: Number(row.count) })),
    }
  }
}
