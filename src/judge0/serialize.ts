import { STATUSES, type Status } from '../sandbox/types.ts'
import { base64ToUtf8, encodeBase64 } from './base64.ts'
import type { SubmissionField } from './fields.ts'
import type { LanguageCatalog } from './languages.ts'
import type { Submission } from './submission.ts'

/** Byte attributes: base64 as stored, shown as text unless the client asked for base64. */
const BYTE_FIELDS = new Set<SubmissionField>([
  'source_code',
  'stdin',
  'expected_output',
  'stdout',
  'stderr',
  'compile_output',
])
/** Rails serializes decimal columns as strings (`"0.002"`, `"5.0"`); clients parse them as such. */
const DECIMAL_FIELDS = new Set<SubmissionField>([
  'time',
  'wall_time',
  'cpu_time_limit',
  'cpu_extra_time',
  'wall_time_limit',
])

const STATUS_BY_ID = new Map<number, Status>(Object.values(STATUSES).map((status) => [status.id, status]))

/** Raised when a requested text attribute is not UTF-8 and the client did not ask for base64. */
export class NotUtf8Error extends Error {
  constructor() {
    super('some attributes cannot be converted to UTF-8')
    this.name = 'NotUtf8Error'
  }
}

/** Judge0's wording for {@link NotUtf8Error}, for one submission and for several. */
export const NOT_UTF8_ONE =
  'some attributes for this submission cannot be converted to UTF-8, use base64_encoded=true query parameter'
export const NOT_UTF8_MANY =
  'some attributes for one or more submissions cannot be converted to UTF-8, use base64_encoded=true query parameter'

/**
 * A submission as Judge0 returns it: only the requested fields, in the requested order; byte fields as text or,
 * with `base64Encoded`, as one-line base64 (and `message` too, as Judge0 does); `additional_files` always base64.
 * @throws {NotUtf8Error} when a requested text field is not valid UTF-8 and `base64Encoded` is false.
 */
export function serializeSubmission(
  submission: Submission,
  fields: readonly SubmissionField[],
  base64Encoded: boolean,
  languages: LanguageCatalog,
): Record<string, unknown> {
  const output: Record<string, unknown> = {}
  for (const field of fields) output[field] = attributeValue(submission, field, base64Encoded, languages)
  return output
}

function attributeValue(
  submission: Submission,
  field: SubmissionField,
  base64Encoded: boolean,
  languages: LanguageCatalog,
): unknown {
  if (field === 'status') {
    const status = STATUS_BY_ID.get(submission.status_id)
    return { id: submission.status_id, description: status?.description ?? 'Unknown' }
  }
  if (field === 'language') {
    const language = languages.get(submission.language_id)
    return { id: submission.language_id, name: language?.name ?? null }
  }
  const value = submission[field]
  if (value === null) return null
  if (BYTE_FIELDS.has(field)) {
    if (base64Encoded) return value
    const text = base64ToUtf8(value as string)
    if (text === undefined) throw new NotUtf8Error()
    return text
  }
  if (field === 'message' && base64Encoded) return encodeBase64(value as string)
  if (DECIMAL_FIELDS.has(field)) return formatDecimal(value as number)
  return value
}

/** Ruby's BigDecimal#to_s for our values: at least one decimal, at most three (milliseconds). */
function formatDecimal(value: number): string {
  const rounded = Math.round(value * 1000) / 1000
  return Number.isInteger(rounded) ? rounded.toFixed(1) : String(rounded)
}
