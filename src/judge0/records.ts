import type { SubmissionRecord } from '../store/types.ts'
import type { Submission } from './submission.ts'

/** A submission as the store keeps it: indexed columns beside a JSON document of the rest. */
export function toRecord(submission: Submission): SubmissionRecord {
  const { token, status_id, language_id, created_at, finished_at, ...data } = submission
  const record: SubmissionRecord = {
    token,
    statusId: status_id,
    languageId: language_id,
    createdAt: created_at,
    data,
  }
  if (finished_at) record.finishedAt = finished_at
  return record
}

export function fromRecord(record: SubmissionRecord): Submission {
  return {
    ...(record.data as Omit<
      Submission,
      'token' | 'status_id' | 'language_id' | 'created_at' | 'finished_at'
    >),
    token: record.token,
    status_id: record.statusId,
    language_id: record.languageId,
    created_at: record.createdAt,
    finished_at: record.finishedAt ?? null,
  }
}
