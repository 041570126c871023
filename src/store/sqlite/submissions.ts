import { submissionUpsert } from '../shared/queries.ts'
import { toSubmission } from '../shared/rows.ts'
import { paging } from '../shared/values.ts'
import type { Page, SubmissionRecord, SubmissionRepository, SubmissionStatistics } from '../types.ts'
import { SQLITE_COLUMNS, type SqliteDatabase, type SqlValue } from './database.ts'

/** Schema of the Judge0 submissions table (migration 2). */
export const SUBMISSIONS_SCHEMA = `
  CREATE TABLE judge0_submissions (
    token TEXT PRIMARY KEY,
    status_id INTEGER NOT NULL,
    language_id INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    finished_at TEXT,
    data TEXT NOT NULL
  );
  CREATE INDEX judge0_submissions_by_created ON judge0_submissions (created_at);
  CREATE INDEX judge0_submissions_unfinished ON judge0_submissions (status_id) WHERE status_id IN (1, 2);
`

/** Judge0 submissions, keyed by token. */
export class SqliteSubmissionRepository implements SubmissionRepository {
  readonly #database: SqliteDatabase

  constructor(database: SqliteDatabase) {
    this.#database = database
  }

  save(submission: SubmissionRecord): Promise<void> {
    const { sql, values } = submissionUpsert(submission, 'question')
    return this.#database.run(() => {
      this.#database.statement(sql).run(...(values as SqlValue[]))
    })
  }

  get(token: string): Promise<SubmissionRecord | undefined> {
    return this.#database.run(() => {
      const row = this.#database.statement('SELECT * FROM judge0_submissions WHERE token = ?').get(token)
      return row ? toSubmission(row, SQLITE_COLUMNS) : undefined
    })
  }

  getMany(tokens: string[]): Promise<SubmissionRecord[]> {
    if (tokens.length === 0) return Promise.resolve([])
    return this.#database.run(() =>
      this.#database
        .statement('SELECT * FROM judge0_submissions WHERE token IN (SELECT value FROM json_each(?))')
        .all(JSON.stringify(tokens))
        .map((row) => toSubmission(row, SQLITE_COLUMNS)),
    )
  }

  list(filter: { page?: number; size?: number }): Promise<Page<SubmissionRecord>> {
    return this.#database.run(() => {
      const { limit, offset } = paging(filter.page, filter.size)
      const total = this.#database.statement('SELECT count(*) AS total FROM judge0_submissions').get()
      const rows = this.#database
        .statement('SELECT * FROM judge0_submissions ORDER BY created_at DESC, token DESC LIMIT ? OFFSET ?')
        .all(limit, offset)
      return { results: rows.map((row) => toSubmission(row, SQLITE_COLUMNS)), total: Number(total?.total) }
    })
  }

  delete(token: string): Promise<boolean> {
    return this.#database.run(
      () =>
        Number(
          this.#database.statement('DELETE FROM judge0_submissions WHERE token = ?').run(token).changes,
        ) > 0,
    )
  }

  transition(token: string, from: number, to: number): Promise<boolean> {
    return this.#database.run(
      () =>
        Number(
          this.#database
            .statement('UPDATE judge0_submissions SET status_id = ? WHERE token = ? AND status_id = ?')
            .run(to, token, from).changes,
        ) > 0,
    )
  }

  listUnfinished(): Promise<SubmissionRecord[]> {
    return this.#database.run(() =>
      this.#database
        .statement('SELECT * FROM judge0_submissions WHERE status_id IN (1, 2) ORDER BY created_at, token')
        .all()
        .map((row) => toSubmission(row, SQLITE_COLUMNS)),
    )
  }

  statistics(since: string[]): Promise<SubmissionStatistics> {
    return this.#database.run(() => {
      const count = (sql: string, ...parameters: string[]) =>
        Number(this.#database.statement(sql).get(...parameters)?.count)
      return {
        total: count('SELECT count(*) AS count FROM judge0_submissions'),
        createdSince: since.map((date) =>
          count('SELECT count(*) AS count FROM judge0_submissions WHERE created_at >= ?', date),
        ),
        byLanguage: this.#database
          .statement(
            'SELECT language_id, count(*) AS count FROM judge0_submissions GROUP BY language_id ORDER BY count DESC, language_id',
          )
          .all()
          .map((row) => ({ languageId: Number(row.language_id), count: Number(row.count) })),
        byStatus: this.#database
          .statement(
            'SELECT status_id, count(*) AS count FROM judge0_submissions GROUP BY status_id ORDER BY status_id',
          )
          .all()
          .map((row) => ({ statusId: Number(row.status_id), count: Number(row.count) })),
      }
    })
  }
}
