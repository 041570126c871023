/**
 * Which languages are installed, and which versions: each language's required files are checked on the host
 * (the sandbox sees the host's /usr read-only, plus the `binds`), then its version is read from the persistent
 * `VersionCache` or, when the binaries changed or were never seen, by running its `versionCommand` (in parallel
 * with the others, under a timeout). The answer is also kept for the life of the process.
 */
import { spawn } from 'node:child_process'
import { stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import type { LanguageDefinition } from '../types.ts'
import { allLanguages } from './registry.ts'
import { VersionCache, versionFingerprint } from './version-cache.ts'

/** A version command slower than this (a JVM on a loaded machine) leaves the version unknown. */
const VERSION_TIMEOUT_MS = 15_000
/** Version commands running at once: JVM start-ups are heavy on a small machine. */
const CONCURRENCY = 4
/** Enough for any banner; a misbehaving command cannot fill memory. */
const MAX_VERSION_OUTPUT = 64 * 1024
const DEFAULT_VERSION_PATTERN = /(\d+(?:\.\d+)+)/

/** Where a path the sandbox sees lives on the host (different only for `binds`). */
export function hostPath(language: LanguageDefinition, sandboxPath: string): string {
  return language.binds?.[sandboxPath] ?? sandboxPath
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

/** True when every file in `requires` exists on the host (following symlinks, as the sandbox will). */
export async function isInstalled(language: LanguageDefinition): Promise<boolean> {
  const found = await Promise.all(language.requires.map((path) => isFile(hostPath(language, path))))
  return found.every(Boolean)
}

/** The version in a version command's output: `versionPattern`'s first group, else the first `1.2[.3…]`. */
export function parseVersion(output: string, pattern?: string): string | undefined {
  const match = (pattern === undefined ? DEFAULT_VERSION_PATTERN : new RegExp(pattern)).exec(output)
  return match?.[1]
}

/** Runs argv with a clean environment; resolves with stdout + stderr, or undefined on failure or timeout. */
function runVersionCommand(argv: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), {
      cwd: tmpdir(),
      env: { PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8', HOME: tmpdir() },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a launcher script's JVM child dies with it on timeout.
      detached: true,
    })
    const chunks: Buffer[] = []
    let size = 0
    const collect = (chunk: Buffer) => {
      if (size < MAX_VERSION_OUTPUT) chunks.push(chunk)
      size += chunk.length
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid ?? 0), 'SIGKILL')
      } catch {
        // Already gone.
      }
    }, VERSION_TIMEOUT_MS)
    child.on('error', () => {
      clearTimeout(timer)
      resolve(undefined)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve(code === 0 ? Buffer.concat(chunks).toString('utf8') : undefined)
    })
  })
}

let sharedCache: VersionCache | undefined

/** The process's cache at the default path (read lazily, so `XDG_CACHE_HOME` may be set before first use). */
function defaultCache(): VersionCache {
  sharedCache ??= new VersionCache()
  return sharedCache
}

/**
 * The language with its detected `version` when it is installed, else undefined. A toolchain whose version
 * command fails is still offered, without a version (not cached: it may have timed out on a busy machine).
 * Pass `cache: null` to always run the version command.
 */
export async function detectLanguage(
  language: LanguageDefinition,
  cache: VersionCache | null = defaultCache(),
): Promise<LanguageDefinition | undefined> {
  if (!(await isInstalled(language))) return undefined
  if (language.versionCommand === undefined) return { ...language }
  const fingerprint = cache ? await versionFingerprint(language, hostPath) : undefined
  const cached = fingerprint === undefined ? undefined : await cache?.get(language.id, fingerprint)
  if (cached !== undefined) return { ...language, version: cached }
  const [command, ...rest] = language.versionCommand
  const output = await runVersionCommand([hostPath(language, command), ...rest])
  const version = output === undefined ? undefined : parseVersion(output, language.versionPattern)
  if (version !== undefined && fingerprint !== undefined) await cache?.set(language.id, fingerprint, version)
  return { ...language, version }
}

/** Maps over items with at most `limit` promises pending, keeping the input order. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await map(items[index])
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

const detected = new Map<string, Promise<LanguageDefinition | undefined>>()

/** `detectLanguage`, once per language per process (shared by `listLanguages` and `resolveLanguage`). */
export function detectLanguageOnce(language: LanguageDefinition): Promise<LanguageDefinition | undefined> {
  let detection = detected.get(language.id)
  if (detection === undefined) {
    detection = detectLanguage(language)
    detected.set(language.id, detection)
  }
  return detection
}

/**
 * The installed languages without their versions (only files are checked, no toolchain is started), in
 * registry order: for listings that need names, not versions (error messages).
 */
export async function installedLanguages(): Promise<LanguageDefinition[]> {
  const languages = allLanguages()
  const installed = await Promise.all(languages.map(isInstalled))
  return languages.filter((_, index) => installed[index])
}

/**
 * The installed languages with their versions, in registry order. Detected once per process (pass
 * `refresh: true` after installing a toolchain).
 */
export async function listLanguages(options: { refresh?: boolean } = {}): Promise<LanguageDefinition[]> {
  if (options.refresh === true) detected.clear()
  const found = await mapLimited(allLanguages(), CONCURRENCY, detectLanguageOnce)
  return found.filter((language) => language !== undefined)
}
