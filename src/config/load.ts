import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { VerityError } from '../errors.ts'
import { FlowValidationError } from '../flow/issues.ts'
import { isPlainObject } from '../flow/plugin-defaults.ts'
import { parseYaml } from '../flow/source-map.ts'
import { issuesFromZod } from '../flow/zod-issues.ts'
import { type VerityConfig, verityConfigSchema } from './schema.ts'

/** The configuration file name looked up in the working directory. */
export const DEFAULT_CONFIG_FILE = 'verity.yaml'

/** Options of `loadConfig`; everything defaults to the process' own. */
export interface LoadConfigOptions {
  /** Explicit file (`--config`); must exist. */
  path?: string
  /** Where `verity.yaml` is looked up and relative paths start; default `process.cwd()`. */
  cwd?: string
  /** Environment (`VERITY_CONFIG`, `VERITY_HOME`); default `process.env`. */
  env?: Record<string, string | undefined>
}

function readSource(file: string, explicit: boolean): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' && !explicit) return undefined
    const reason = code === 'ENOENT' ? 'no such file' : (error as Error).message
    throw new VerityError('CONFIG', `cannot read configuration file ${file}: ${reason}`)
  }
}

function validate(source: string, file: string): Record<string, unknown> {
  const { value, sourceMap } = parseYaml(source, file)
  // An empty file is a valid, all-defaults configuration.
  const raw = value ?? {}
  if (!isPlainObject(raw)) {
    throw new FlowValidationError(
      [{ message: 'the configuration must be a YAML map', position: sourceMap.positionOf([]) }],
      'CONFIG',
    )
  }
  const parsed = verityConfigSchema.safeParse(raw)
  if (parsed.success) return parsed.data
  const issues = issuesFromZod(parsed.error, {
    value: raw,
    schema: verityConfigSchema,
    base: [],
    sourceMap,
    lenient: false,
  })
  throw new FlowValidationError(issues, 'CONFIG')
}

/**
 * Loads Verity's global configuration: the file given (`path`, else `$VERITY_CONFIG`), or `verity.yaml` in `cwd`
 * when present, else defaults. Relative `dataDir`/`flowsDir` resolve against the file's directory; `$VERITY_HOME`
 * overrides `dataDir`. Throws a `VerityError` (code `CONFIG`) for an explicit file that is missing, and a
 * positioned `FlowValidationError` (code `CONFIG`) listing every mistake in the file.
 * @example const config = loadConfig({ path: options.config })
 */
export function loadConfig(options: LoadConfigOptions = {}): VerityConfig {
  const env = options.env ?? process.env
  const cwd = options.cwd ?? process.cwd()
  const explicit = options.path ?? (env.VERITY_CONFIG || undefined)
  const file = resolve(cwd, explicit ?? DEFAULT_CONFIG_FILE)
  const source = readSource(file, explicit !== undefined)
  const values = source === undefined ? verityConfigSchema.parse({}) : validate(source, file)
  const base = source === undefined ? cwd : dirname(file)
  const config = values as VerityConfig
  config.dataDir = env.VERITY_HOME ? resolve(cwd, env.VERITY_HOME) : resolve(base, config.dataDir)
  if (config.flowsDir !== undefined) config.flowsDir = resolve(base, config.flowsDir)
  if (source !== undefined) config.file = file
  return config
}
