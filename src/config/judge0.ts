import { z } from 'zod'

const seconds = z.number().nonnegative()
const kilobytes = z.number().int().nonnegative()

/**
 * `judge0:` section of verity.yaml. Owned by the Judge0 area; see src/judge0.
 *
 * Keys are Judge0 CE 1.13's configuration names, lower-cased (`CPU_TIME_LIMIT` → `cpu_time_limit`), with
 * Judge0's defaults, so a `judge0.conf` translates line by line and `GET /config_info` reports them as Judge0
 * does. The few keys Judge0 lacks (`wait_timeout`, `accept_rapidapi_key`) say so below.
 */
export const judge0ConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    maintenance_mode: z.boolean().default(false),
    maintenance_message: z.string().default('Judge0 is currently in maintenance.'),
    enable_wait_result: z.boolean().default(true),
    enable_compiler_options: z.boolean().default(true),
    /** Language name prefixes (e.g. `C`, `C++`) allowed to set compiler options; empty means all. */
    allowed_languages_for_compile_options: z.array(z.string()).default([]),
    enable_command_line_arguments: z.boolean().default(true),
    enable_submission_delete: z.boolean().default(false),
    enable_callbacks: z.boolean().default(true),
    callbacks_max_tries: z.number().int().min(1).default(3),
    /** Seconds each callback attempt may take. */
    callbacks_timeout: seconds.default(5),
    enable_additional_files: z.boolean().default(true),
    max_queue_size: z.number().int().min(1).default(100),
    cpu_time_limit: seconds.default(5),
    max_cpu_time_limit: seconds.default(15),
    cpu_extra_time: seconds.default(1),
    max_cpu_extra_time: seconds.default(5),
    wall_time_limit: seconds.default(10),
    max_wall_time_limit: seconds.default(20),
    memory_limit: kilobytes.default(128000),
    max_memory_limit: kilobytes.default(512000),
    stack_limit: kilobytes.default(64000),
    max_stack_limit: kilobytes.default(128000),
    max_processes_and_or_threads: z.number().int().min(1).default(60),
    max_max_processes_and_or_threads: z.number().int().min(1).default(120),
    enable_per_process_and_thread_time_limit: z.boolean().default(false),
    allow_enable_per_process_and_thread_time_limit: z.boolean().default(true),
    enable_per_process_and_thread_memory_limit: z.boolean().default(false),
    allow_enable_per_process_and_thread_memory_limit: z.boolean().default(true),
    max_file_size: kilobytes.default(1024),
    max_max_file_size: kilobytes.default(4096),
    number_of_runs: z.number().int().min(1).default(1),
    max_number_of_runs: z.number().int().min(1).default(20),
    redirect_stderr_to_stdout: z.boolean().default(false),
    /** Total KB that `additional_files` may extract to. */
    max_extract_size: kilobytes.default(10240),
    enable_batched_submissions: z.boolean().default(true),
    max_submission_batch_size: z.number().int().min(1).default(20),
    allow_enable_network: z.boolean().default(true),
    enable_network: z.boolean().default(false),
    /** Not in Judge0: the most seconds a `wait=true` request waits before answering with the queued submission. */
    wait_timeout: seconds.default(60),
    /** Judge0's AUTHN_HEADER / AUTHN_TOKEN: when a token is set, every request must carry it (else 401). */
    authn_header: z.string().default('X-Auth-Token'),
    authn_token: z.string().optional(),
    /** Judge0's AUTHZ_HEADER / AUTHZ_TOKEN: when set, listing and deleting submissions need it (else 403). */
    authz_header: z.string().default('X-Auth-User'),
    authz_token: z.string().optional(),
    /** Not in Judge0: accept `X-RapidAPI-Key` as the authentication token, so hosted-service clients work. */
    accept_rapidapi_key: z.boolean().default(true),
  })
  .loose()

export type Judge0Config = z.output<typeof judge0ConfigSchema>
