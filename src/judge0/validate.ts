import type { Judge0Config } from '../config/judge0.ts'
import { type ExtractLimits, extractAdditionalFiles } from './additional-files.ts'
import { decodeBase64, encodeBase64 } from './base64.ts'
import type { LanguageCatalog } from './languages.ts'
import type { Submission } from './submission.ts'
import { splitWords, WordSplitError } from './word-split.ts'

/** Registry id of Judge0's "Multi-file program" (id 89), Judge0's only `is_project` language. */
const PROJECT_LANGUAGE = 'multifile'

/** Judge0's 422 body: each invalid attribute with its messages, `{"memory_limit": ["must be …"]}`. */
export type FieldErrors = Record<string, string[]>

export type ValidationResult = { submission: Submission } | { errors: FieldErrors }

export interface ValidationContext {
  config: Judge0Config
  languages: LanguageCatalog
  /** `base64_encoded=true`: source_code, stdin and expected_output arrive base64-encoded. */
  base64Encoded: boolean
  /** Caps on `additional_files`: Judge0's `max_extract_size` and the sandbox's file count. */
  extractLimits: ExtractLimits
  token: string
  now: string
}

/**
 * Validates one submission body the way Judge0 CE 1.13 does — same attribute names, defaults, bounds and
 * messages — and returns the submission ready to store (status 1, In Queue), or every invalid attribute.
 * Unknown attributes are ignored, as Judge0's strong parameters ignore them. Stricter than Judge0 where
 * Judge0 silently misbehaves: malformed base64, a non-boolean flag or an unterminated quote in
 * `compiler_options` are errors of that field.
 */
export function validateSubmission(body: unknown, context: ValidationContext): ValidationResult {
  const { config } = context
  const errors: FieldErrors = {}
  const add = (field: string, message: string) => {
    errors[field] ??= []
    errors[field].push(message)
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { errors: { submission: ['must be a JSON object'] } }
  }
  const input = body as Record<string, unknown>
  const reader = new FieldReader(input, add)

  const source = reader.bytes('source_code', context.base64Encoded)
  const sourceBlank =
    input.source_code === undefined || input.source_code === null || input.source_code === ''
  const stdin = reader.bytes('stdin', context.base64Encoded)
  const expectedOutput = reader.bytes('expected_output', context.base64Encoded)

  const languageId = reader.number('language_id', { integer: true })
  const language =
    languageId === undefined || languageId === null ? undefined : context.languages.get(languageId)
  if (languageId === null) add('language_id', "can't be blank")
  else if (languageId !== undefined && !language)
    add('language_id', `language with id ${languageId} doesn't exist`)
  // Judge0's "Multi-file program" (a project) brings its code in `additional_files`; a source is optional.
  const isProject = language?.definition.id === PROJECT_LANGUAGE
  if (sourceBlank && !isProject) add('source_code', "can't be blank")
  if (
    isProject &&
    (input.additional_files === undefined || input.additional_files === null || input.additional_files === '')
  )
    add('additional_files', "can't be blank")

  const numbers = {
    number_of_runs: reader.bounded('number_of_runs', config.number_of_runs, {
      above: 0,
      max: config.max_number_of_runs,
      integer: true,
    }),
    cpu_time_limit: reader.bounded('cpu_time_limit', config.cpu_time_limit, {
      min: 0,
      max: config.max_cpu_time_limit,
    }),
    cpu_extra_time: reader.bounded('cpu_extra_time', config.cpu_extra_time, {
      min: 0,
      max: config.max_cpu_extra_time,
    }),
    wall_time_limit: reader.bounded('wall_time_limit', config.wall_time_limit, {
      min: 1,
      max: config.max_wall_time_limit,
    }),
    memory_limit: reader.bounded('memory_limit', config.memory_limit, {
      min: 2048,
      max: config.max_memory_limit,
      integer: true,
    }),
    stack_limit: reader.bounded('stack_limit', config.stack_limit, {
      min: 0,
      max: config.max_stack_limit,
      integer: true,
    }),
    max_processes_and_or_threads: reader.bounded(
      'max_processes_and_or_threads',
      config.max_processes_and_or_threads,
      {
        above: 0,
        max: config.max_max_processes_and_or_threads,
        integer: true,
      },
    ),
    max_file_size: reader.bounded('max_file_size', config.max_file_size, {
      min: 0,
      max: config.max_max_file_size,
      integer: true,
    }),
  }

  // Flags the operator may forbid turning on, each with its Judge0 `allow_<field>` setting.
  const guardedFlag = (
    field: 'enable_per_process_and_thread_time_limit' | 'enable_per_process_and_thread_memory_limit',
  ) => {
    const value = reader.flag(field, config[field])
    if (value && !config[`allow_${field}`]) add(field, 'this option cannot be enabled')
    return value
  }
  const perProcessTime = guardedFlag('enable_per_process_and_thread_time_limit')
  const perProcessMemory = guardedFlag('enable_per_process_and_thread_memory_limit')
  const network = reader.flag('enable_network', config.enable_network)
  // As in Judge0, only asking for the network is refused; `false` is always fine.
  if (network && input.enable_network !== undefined && !config.allow_enable_network) {
    add('enable_network', 'enabling network is not allowed')
  }

  const compilerOptions = reader.commandLine('compiler_options')
  if (compilerOptions) {
    if (!config.enable_compiler_options) add('compiler_options', 'setting compiler options is not allowed')
    else if (language && language.compile_cmd === null) {
      add('compiler_options', 'setting compiler options is only allowed for compiled languages')
    } else if (
      language &&
      !compilerOptionsAllowedFor(language.name, config.allowed_languages_for_compile_options)
    ) {
      add(
        'compiler_options',
        `setting compiler options is only allowed for ${listNames(config.allowed_languages_for_compile_options)}`,
      )
    }
  }
  const commandLineArguments = reader.commandLine('command_line_arguments')
  if (commandLineArguments && !config.enable_command_line_arguments) {
    add('command_line_arguments', 'setting command line arguments is not allowed')
  }

  const callbackUrl = reader.text('callback_url')
  if (callbackUrl) {
    if (!config.enable_callbacks) add('callback_url', 'setting callback is not allowed')
    else if (!isHttpUrl(callbackUrl)) add('callback_url', 'must be an http or https URL')
  }

  const additionalFiles = reader.bytes('additional_files', true)
  if (additionalFiles && additionalFiles.length > 0) {
    if (!config.enable_additional_files) add('additional_files', 'setting additional files is not allowed')
    else {
      const extracted = extractAdditionalFiles(additionalFiles, context.extractLimits)
      if ('error' in extracted) add('additional_files', extracted.error)
    }
  }

  if (Object.keys(errors).length > 0) return { errors }
  return {
    submission: {
      token: context.token,
      language_id: languageId as number,
      source_code: encodeNullable(source),
      stdin: encodeNullable(stdin),
      expected_output: encodeNullable(expectedOutput),
      compiler_options: compilerOptions || null,
      command_line_arguments: commandLineArguments || null,
      ...numbers,
      enable_per_process_and_thread_time_limit: perProcessTime,
      enable_per_process_and_thread_memory_limit: perProcessMemory,
      redirect_stderr_to_stdout: reader.flag('redirect_stderr_to_stdout', config.redirect_stderr_to_stdout),
      enable_network: network,
      callback_url: callbackUrl || null,
      additional_files: additionalFiles && additionalFiles.length > 0 ? encodeBase64(additionalFiles) : null,
      status_id: 1,
      stdout: null,
      stderr: null,
      compile_output: null,
      message: null,
      exit_code: null,
      exit_signal: null,
      time: null,
      wall_time: null,
      memory: null,
      created_at: context.now,
      finished_at: null,
    },
  }
}

interface Bounds {
  /** Exclusive lower bound (Rails `greater_than`). */
  above?: number
  /** Inclusive lower bound (Rails `greater_than_or_equal_to`). */
  min?: number
  max: number
  integer?: boolean
}

/** Reads attributes with Rails' casting (numbers may arrive as strings) and reports type errors per field. */
class FieldReader {
  readonly #input: Record<string, unknown>
  readonly #add: (field: string, message: string) => void

  constructor(input: Record<string, unknown>, add: (field: string, message: string) => void) {
    this.#input = input
    this.#add = add
  }

  /** A present, non-blank value, or null when absent/blank; `undefined` after reporting a type error. */
  number(field: string, options: { integer?: boolean } = {}): number | null | undefined {
    const value = this.#input[field]
    if (value === undefined || value === null || value === '') return null
    const parsed =
      typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN
    if (!Number.isFinite(parsed)) {
      this.#add(field, 'is not a number')
      return undefined
    }
    if (options.integer && !Number.isInteger(parsed)) {
      this.#add(field, 'must be an integer')
      return undefined
    }
    return parsed
  }

  bounded(field: string, fallback: number, bounds: Bounds): number {
    const value = this.number(field, { integer: bounds.integer })
    if (value === undefined) return fallback
    const result = value ?? fallback
    if (bounds.above !== undefined && !(result > bounds.above)) {
      this.#add(field, `must be greater than ${formatBound(bounds.above, bounds.integer)}`)
    } else if (bounds.min !== undefined && result < bounds.min) {
      this.#add(field, `must be greater than or equal to ${formatBound(bounds.min, bounds.integer)}`)
    } else if (result > bounds.max) {
      this.#add(field, `must be less than or equal to ${formatBound(bounds.max, bounds.integer)}`)
    }
    return result
  }

  flag(field: string, fallback: boolean): boolean {
    const value = this.#input[field]
    if (value === undefined || value === null || value === '') return fallback
    if (value === true || value === 'true' || value === 1 || value === '1') return true
    if (value === false || value === 'false' || value === 0 || value === '0') return false
    this.#add(field, 'must be true or false')
    return fallback
  }

  text(field: string): string | null {
    const value = this.#input[field]
    if (value === undefined || value === null) return null
    if (typeof value !== 'string') {
      this.#add(field, 'must be a string')
      return null
    }
    return value
  }

  /** A string attribute as bytes: base64-decoded when `base64` is set, UTF-8 otherwise. */
  bytes(field: string, base64: boolean): Buffer | null {
    const value = this.text(field)
    if (value === null) return null
    if (!base64) return Buffer.from(value, 'utf8')
    const decoded = decodeBase64(value)
    if (!decoded)
      this.#add(field, 'is not valid base64 (RFC 4648, standard alphabet, padded, no line breaks)')
    return decoded ?? null
  }

  /** `compiler_options` / `command_line_arguments`: at most 512 characters, splittable into argv words. */
  commandLine(field: string): string | null {
    const value = this.text(field)
    if (!value) return value
    if (value.length > 512) this.#add(field, 'is too long (maximum is 512 characters)')
    else {
      try {
        splitWords(value)
      } catch (error) {
        if (!(error instanceof WordSplitError)) throw error
        this.#add(field, `cannot be split into arguments: ${error.message}`)
      }
    }
    return value
  }
}

/** Judge0 keeps seconds as decimals (`15.0`) and sizes as integers in its messages. */
function formatBound(value: number, integer: boolean | undefined): string {
  return !integer && Number.isInteger(value) ? value.toFixed(1) : String(value)
}

function compilerOptionsAllowedFor(languageName: string, allowed: readonly string[]): boolean {
  return allowed.length === 0 || allowed.some((prefix) => languageName.startsWith(`${prefix} `))
}

function listNames(names: readonly string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '')
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

function encodeNullable(bytes: Buffer | null): string | null {
  return bytes === null ? null : encodeBase64(bytes)
}
