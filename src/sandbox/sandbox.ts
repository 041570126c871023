/**
 * `createSandbox`: the one way Verity runs untrusted code. Resolves the language, validates the request,
 * bounds concurrency, takes a pre-started single-use sandbox, and maps what happened to a Judge0-style result.
 */
import { defaultConcurrency, type SandboxConfig, sandboxConfigSchema } from '../config/sandbox.ts'
import { VerityError } from '../errors.ts'
import { checkBindTarget } from './bwrap.ts'
import { type DoctorReport, diagnose } from './doctor.ts'
import { FileBudget } from './files.ts'
import { type HostEnvironment, prepareHost } from './host.ts'
import { listLanguages, resolveLanguage } from './languages/index.ts'
import { raisedLimits, resolveLimits } from './limits.ts'
import { toResult } from './outcome.ts'
import { ConcurrencyQueue } from './queue.ts'
import { buildSupervisorRequest } from './request.ts'
import type { ExecuteRequest, ExecuteResult, LanguageDefinition } from './types.ts'
import { WarmPool } from './warm-pool.ts'

export interface Sandbox {
  /**
   * Runs one request in a fresh sandbox.
   * @throws SandboxBusyError, SandboxRequestError, SandboxUnavailableError, UnknownLanguageError,
   *   LanguageNotInstalledError
   */
  execute(request: ExecuteRequest): Promise<ExecuteResult>
  /** Installed languages with versions. */
  languages(): Promise<LanguageDefinition[]>
  /** What isolation this host offers, check by check. */
  doctor(): Promise<DoctorReport>
  /** Discards pre-started sandboxes; waits for nothing else. */
  close(): Promise<void>
}

export interface SandboxOptions {
  /** Use these languages instead of the detected registry (tests, embedders). */
  languages?: LanguageDefinition[]
  /** Called with a warning on every run when isolation is `none` (default: stderr). */
  warn?: (message: string) => void
}

export const UNSANDBOXED_WARNING =
  'WARNING: sandbox isolation is "none": untrusted code runs directly on this host with your privileges. ' +
  'Use this only for trusted local development.'

/**
 * Creates the sandbox service. Host probing happens on first use; when bubblewrap or user namespaces are missing
 * (and isolation is not `none`), every `execute` rejects with SandboxUnavailableError saying how to fix it.
 * @example
 *   const sandbox = createSandbox({ isolation: 'bubblewrap' })
 *   const result = await sandbox.execute({ language: 'python', source: 'print(1)' })
 */
export function createSandbox(input: Partial<SandboxConfig> = {}, options: SandboxOptions = {}): Sandbox {
  const config = sandboxConfigSchema.parse(input)
  const queue = new ConcurrencyQueue(config.concurrency ?? defaultConcurrency(), config.queueSize)
  const warn = options.warn ?? ((message: string) => process.stderr.write(`${message}\n`))
  let host: Promise<{ environment: HostEnvironment; pool: WarmPool }> | undefined
  const ready = () => {
    host ??= prepareHost(config).then((environment) => ({
      environment,
      pool: new WarmPool(environment, config.prestart),
    }))
    host.catch(() => {
      host = undefined
    })
    return host
  }
  const languages = async () => options.languages ?? (await listLanguages())
  return {
    async execute(request) {
      // Only this language's toolchain is checked, and no version command runs: a run needs neither.
      const language = await resolveLanguage(request.language, {
        version: false,
        ...(options.languages ? { languages: options.languages } : {}),
      })
      for (const target of Object.keys(language.binds ?? {})) {
        const problem = checkBindTarget(target)
        if (problem)
          throw new VerityError('SANDBOX_LANGUAGE', `language ${language.id}: ${problem}`, {
            userFacing: false,
          })
      }
      const limits = resolveLimits('run', config, language, request.limits)
      const compileLimits = language.compile
        ? resolveLimits('compile', config, language, request.compileLimits)
        : undefined
      const budget = new FileBudget(config.maxFiles, config.workdirSize * 1024)
      const { environment, pool } = await ready()
      if (environment.isolation === 'none') warn(UNSANDBOXED_WARNING)
      const supervisorRequest = buildSupervisorRequest({
        request,
        language,
        limits,
        compileLimits,
        budget,
        config,
        isolated: environment.isolation !== 'none',
      })
      return queue.run(async () => {
        const first = compileLimits ?? limits
        const instance = await pool.take({
          binds: language.binds ?? {},
          network: request.network === true,
          limits: { memory: first.memory, processes: first.processes },
        })
        const raw = await instance.run({
          request: supervisorRequest,
          stdin:
            typeof request.stdin === 'string'
              ? Buffer.from(request.stdin)
              : (request.stdin ?? new Uint8Array()),
          limits,
          ...(compileLimits ? { compileLimits } : {}),
          ...(request.signal ? { signal: request.signal } : {}),
        })
        return withLimitNote(toResult(raw, limits, compileLimits), language, [
          ...raisedLimits(request.limits, limits),
          ...(compileLimits
            ? raisedLimits(request.compileLimits, compileLimits).map((raised) => `compile ${raised}`)
            : []),
        ])
      }, request.signal)
    },
    languages,
    async doctor() {
      return diagnose(
        config,
        await ready().then(
          (value) => value.environment,
          (error: Error) => error,
        ),
      )
    },
    async close() {
      if (!host) return
      const { environment, pool } = await host.catch(() => ({ environment: null, pool: null }))
      await pool?.close()
      await environment?.close()
      host = undefined
    },
  }
}

/** Says in the result's message which requested limits the language's minimum raised (see `resolveLimits`). */
function withLimitNote(result: ExecuteResult, language: LanguageDefinition, raised: string[]): ExecuteResult {
  if (raised.length === 0) return result
  const note = `requested limits raised to ${language.name}'s minimum: ${raised.join(', ')}`
  return { ...result, message: result.message ? `${result.message} (${note})` : note }
}
