import type { SandboxConfig } from '../config/sandbox.ts'
import { SandboxRequestError } from './errors.ts'
import type { LanguageDefinition, Limits } from './types.ts'

/** Judge0-like defaults for a run. */
export const DEFAULT_LIMITS: Limits = {
  cpuTime: 5,
  wallTime: 10,
  memory: 262144,
  stack: 65536,
  processes: 64,
  fileSize: 4096,
  outputSize: 1024 * 1024,
}

/** Compilers need more room than the programs they build. */
export const DEFAULT_COMPILE_LIMITS: Limits = {
  cpuTime: 20,
  wallTime: 30,
  memory: 1048576,
  stack: 65536,
  processes: 128,
  fileSize: 65536,
  outputSize: 1024 * 1024,
}

export const DEFAULT_MAX_LIMITS: Limits = {
  cpuTime: 60,
  wallTime: 120,
  memory: 4194304,
  stack: 1048576,
  processes: 512,
  fileSize: 1048576,
  outputSize: 64 * 1024 * 1024,
}

const KEYS = Object.keys(DEFAULT_LIMITS) as Array<keyof Limits>

/**
 * The effective limits of one step: configured defaults, then the request's values, then raised to what the
 * language needs at least; each capped by the configured maxima. A request above a maximum is an error, not a
 * silent cap.
 *
 * A language's `minimumLimits` is a floor that wins over a lower requested value: below it the toolchain cannot
 * start at all (the BEAM's JIT maps a 64 MB file, the JVM needs its threads and heap), so honouring the request
 * would only turn every run into an obscure crash. Judge0 clients send their defaults on every submission
 * (`max_file_size` 1024 KB, `memory_limit` 128000 KB); `raisedLimits` says which values were raised.
 */
export function resolveLimits(
  kind: 'run' | 'compile',
  config: SandboxConfig,
  language: LanguageDefinition,
  requested: Partial<Limits> | undefined,
): Limits {
  const base = kind === 'run' ? DEFAULT_LIMITS : DEFAULT_COMPILE_LIMITS
  const configured = kind === 'run' ? config.limits : config.compileLimits
  const maxima: Limits = { ...DEFAULT_MAX_LIMITS, ...stripUndefined(config.maxLimits) }
  const limits: Limits = { ...base, ...stripUndefined(configured) }
  for (const key of KEYS) {
    const value = requested?.[key]
    if (value !== undefined) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
        throw new SandboxRequestError(
          `${kind === 'run' ? 'limits' : 'compileLimits'}.${key}`,
          'must be a positive number',
        )
      }
      if (value > maxima[key]) {
        throw new SandboxRequestError(
          `${kind === 'run' ? 'limits' : 'compileLimits'}.${key}`,
          `${value} is above the configured maximum of ${maxima[key]}`,
        )
      }
      limits[key] = value
    }
    const minimum = language.minimumLimits?.[key]
    if (minimum !== undefined && limits[key] < minimum) limits[key] = minimum
    limits[key] = Math.min(limits[key], maxima[key])
  }
  return limits
}

/**
 * The requested limits that the language's minimum raised, as `key: requested → effective` phrases (empty when
 * none was): for the result's message, so a caller sees why its limit was not applied.
 */
export function raisedLimits(requested: Partial<Limits> | undefined, effective: Limits): string[] {
  return KEYS.filter((key) => {
    const value = requested?.[key]
    return value !== undefined && effective[key] > value
  }).map((key) => `${key} ${requested?.[key]} → ${effective[key]}`)
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
