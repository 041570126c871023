/**
 * The `fields` query parameter of Judge0: which attributes of a submission a response carries.
 */

/** Every attribute a submission response can carry, in Judge0 CE 1.13's order (what `fields=*` returns). */
export const SUBMISSION_FIELDS = [
  'source_code',
  'language_id',
  'stdin',
  'expected_output',
  'stdout',
  'status_id',
  'created_at',
  'finished_at',
  'time',
  'memory',
  'stderr',
  'token',
  'number_of_runs',
  'cpu_time_limit',
  'cpu_extra_time',
  'wall_time_limit',
  'memory_limit',
  'stack_limit',
  'max_processes_and_or_threads',
  'enable_per_process_and_thread_time_limit',
  'enable_per_process_and_thread_memory_limit',
  'max_file_size',
  'compile_output',
  'exit_code',
  'exit_signal',
  'message',
  'wall_time',
  'compiler_options',
  'command_line_arguments',
  'redirect_stderr_to_stdout',
  'callback_url',
  'additional_files',
  'enable_network',
  'status',
  'language',
] as const

export type SubmissionField = (typeof SUBMISSION_FIELDS)[number]

/** What Judge0 answers when `fields` is absent or empty. */
export const DEFAULT_FIELDS: readonly SubmissionField[] = [
  'token',
  'time',
  'memory',
  'stdout',
  'stderr',
  'compile_output',
  'message',
  'status',
]

const KNOWN = new Set<string>(SUBMISSION_FIELDS)

/** The parsed parameter: the fields to return, or the unknown names that make it a 400. */
export type ParsedFields = { fields: readonly SubmissionField[] } | { invalid: string[] }

/**
 * Parses `fields` as Judge0 does: comma-separated names, blanks around names ignored, `*` for all.
 * @example parseFields('stdout, status') // { fields: ['stdout', 'status'] }
 */
export function parseFields(parameter: string | undefined): ParsedFields {
  const names = (parameter ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
  if (names.length === 0) return { fields: DEFAULT_FIELDS }
  if (names.includes('*')) return { fields: SUBMISSION_FIELDS }
  const invalid = names.filter((name) => !KNOWN.has(name))
  if (invalid.length > 0) return { invalid }
  return { fields: [...new Set(names)] as SubmissionField[] }
}

/** Judge0's 400 body for unknown field names. */
export function invalidFieldsError(invalid: readonly string[]): { error: string } {
  return { error: `invalid fields: [${invalid.join(', ')}]` }
}
