/**
 * Turns a validated ExecuteRequest into the supervisor's request: files (names checked, sizes budgeted),
 * the environment (explicit only), argv for each step (never a shell string) and rlimits.
 */
import type { SandboxConfig } from '../config/sandbox.ts'
import { SandboxRequestError } from './errors.ts'
import type { FileBudget } from './files.ts'
import { type Phase, RLIMIT, type SupervisorRequest } from './supervisor/protocol.ts'
import type { ExecuteRequest, LanguageDefinition, Limits } from './types.ts'

/** The environment every run starts from; the language's and the request's entries go over it. */
export const BASE_ENVIRONMENT: Record<string, string> = {
  PATH: '/usr/local/bin:/usr/bin:/bin',
  LANG: 'C.UTF-8',
  HOME: '/box',
  TMPDIR: '/tmp',
}

/** Open files per process: room for a JVM or a test runner, far from exhausting the host's. */
const OPEN_FILES = 1024

export interface BuildInput {
  request: ExecuteRequest
  language: LanguageDefinition
  limits: Limits
  compileLimits?: Limits
  budget: FileBudget
  config: SandboxConfig
  /** False for `isolation: none`: bound paths are replaced by their host paths in argv. */
  isolated: boolean
}

export function buildSupervisorRequest(input: BuildInput): SupervisorRequest {
  const { request, language, budget } = input
  const files: SupervisorRequest['files'] = []
  const add = (name: string, content: string | Uint8Array, field: string) => {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content
    if (files.some((file) => file.name === name))
      throw new SandboxRequestError(field, `duplicate file ${name}`)
    budget.take(name, bytes.length)
    files.push({ name, mode: 0o644, bytes })
  }
  if (request.source !== undefined) add(language.sourceFile, request.source, 'source')
  for (const [name, content] of Object.entries(request.files ?? {}))
    add(name, content, `files[${JSON.stringify(name)}]`)
  if (files.length === 0) throw new SandboxRequestError('source', 'give the program as `source` or `files`')
  const env = { ...BASE_ENVIRONMENT, ...language.env, ...validateEnvironment(request.env ?? {}) }
  const splice = (argv: string[], placeholder: string, values: string[]) => {
    const index = argv.indexOf(placeholder)
    const expanded = argv.map((argument) => argument.replaceAll('{source}', language.sourceFile))
    return index < 0
      ? [...expanded, ...values]
      : [...expanded.slice(0, index), ...values, ...expanded.slice(index + 1)]
  }
  const hostArgv = (argv: string[]) =>
    input.isolated ? argv : argv.map((argument) => language.binds?.[argument] ?? argument)
  for (const [field, values] of [
    ['args', request.args],
    ['compilerOptions', request.compilerOptions],
  ] as const) {
    if (
      values &&
      (!Array.isArray(values) || values.some((value) => typeof value !== 'string' || value.includes('\0')))
    ) {
      throw new SandboxRequestError(field, 'must be an array of strings without NUL bytes')
    }
  }
  const run: Phase = {
    argv: hostArgv(splice(language.run, '{args}', request.args ?? [])),
    rlimits: rlimits(input.limits),
  }
  const compile: Phase | undefined =
    language.compile && input.compileLimits
      ? {
          argv: hostArgv(splice(language.compile, '{compilerOptions}', request.compilerOptions ?? [])),
          rlimits: rlimits(input.compileLimits),
        }
      : undefined
  const outputGlobs = request.outputFiles ?? []
  if (
    outputGlobs.some(
      (glob) => typeof glob !== 'string' || glob.length === 0 || glob.startsWith('/') || glob.includes('\0'),
    )
  ) {
    throw new SandboxRequestError(
      'outputFiles',
      'globs must be non-empty paths relative to the working directory',
    )
  }
  const caps = input.config.outputFiles
  return {
    files,
    env,
    outputGlobs,
    outputCaps: { fileSize: caps.maxFileSize, totalSize: caps.maxTotalSize, files: caps.maxFiles },
    ...(compile ? { compile } : {}),
    run,
  }
}

function rlimits(limits: Limits): Phase['rlimits'] {
  return [
    { resource: RLIMIT.cpu, value: Math.ceil(limits.cpuTime) },
    { resource: RLIMIT.fileSize, value: limits.fileSize * 1024 },
    { resource: RLIMIT.stack, value: limits.stack * 1024 },
    { resource: RLIMIT.core, value: 0 },
    { resource: RLIMIT.openFiles, value: OPEN_FILES },
  ]
}

function validateEnvironment(env: Record<string, string>): Record<string, string> {
  for (const [key, value] of Object.entries(env)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
      throw new SandboxRequestError(`env.${key}`, 'is not a valid variable name')
    if (typeof value !== 'string' || value.includes('\0'))
      throw new SandboxRequestError(`env.${key}`, 'must be a string without NUL bytes')
  }
  return env
}
