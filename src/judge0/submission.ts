/**
 * A Judge0 submission as Verity keeps it: Judge0's attribute names, with every byte field (source, stdin,
 * expected output, outputs, the additional-files zip) held as one-line base64 so the record is plain JSON and
 * bytes that are not UTF-8 survive unchanged.
 */
export interface Submission {
  token: string
  language_id: number
  /** base64 */
  source_code: string | null
  /** base64 */
  stdin: string | null
  /** base64 */
  expected_output: string | null
  compiler_options: string | null
  command_line_arguments: string | null
  number_of_runs: number
  cpu_time_limit: number
  cpu_extra_time: number
  wall_time_limit: number
  memory_limit: number
  stack_limit: number
  max_processes_and_or_threads: number
  enable_per_process_and_thread_time_limit: boolean
  enable_per_process_and_thread_memory_limit: boolean
  max_file_size: number
  redirect_stderr_to_stdout: boolean
  enable_network: boolean
  callback_url: string | null
  /** base64 of a zip archive */
  additional_files: string | null
  status_id: number
  /** base64 */
  stdout: string | null
  /** base64 */
  stderr: string | null
  /** base64 */
  compile_output: string | null
  message: string | null
  exit_code: number | null
  exit_signal: number | null
  /** CPU seconds. */
  time: number | null
  wall_time: number | null
  /** KB */
  memory: number | null
  created_at: string
  finished_at: string | null
}

/** The attributes a finished run fills in. */
export type SubmissionResult = Pick<
  Submission,
  | 'status_id'
  | 'stdout'
  | 'stderr'
  | 'compile_output'
  | 'message'
  | 'exit_code'
  | 'exit_signal'
  | 'time'
  | 'wall_time'
  | 'memory'
  | 'finished_at'
>

/** Status ids 1 (In Queue) and 2 (Processing): the submission has not finished. */
export function isUnfinished(statusId: number): boolean {
  return statusId === 1 || statusId === 2
}
