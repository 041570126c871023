/**
 * A persistent cache of detected toolchain versions, so a new process (every `verity run`, every agent's
 * CodeExecution tool) does not start each compiler and JVM again just to read a banner. One JSON file,
 * `$XDG_CACHE_HOME/verity/language-versions.json` (default `~/.cache/verity`), shared by every process.
 *
 * An entry is valid only for the exact files it was read from: the fingerprint holds the version command and
 * pattern, and the device, inode, size and modification time of every required binary (symlinks followed, as
 * the sandbox follows them), so upgrading a toolchain — which replaces or rewrites its binary — invalidates it.
 * The cache is best-effort: an unreadable or unwritable file only means versions are detected again.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import type { LanguageDefinition } from '../types.ts'

const FILE_VERSION = 1

interface Entry {
  fingerprint: string
  version: string
}

interface CacheFile {
  format: number
  languages: Record<string, Entry>
}

/** Where the cache lives: `$XDG_CACHE_HOME/verity/language-versions.json`, else under `~/.cache`. */
export function defaultVersionCachePath(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache')
  return join(base, 'verity', 'language-versions.json')
}

/**
 * What the version depends on: the command, its pattern, and every binary's identity on the host. Undefined
 * when a file is missing (nothing to cache).
 */
export async function versionFingerprint(
  language: LanguageDefinition,
  hostPath: (language: LanguageDefinition, sandboxPath: string) => string,
): Promise<string | undefined> {
  const command = language.versionCommand
  if (command === undefined) return undefined
  const paths = [...new Set([...language.requires, command[0]].map((path) => hostPath(language, path)))]
  try {
    const files = await Promise.all(
      paths.map(async (path) => {
        const info = await stat(path, { bigint: true })
        return [path, `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`]
      }),
    )
    return JSON.stringify({ command, pattern: language.versionPattern ?? null, files })
  } catch {
    return undefined
  }
}

/** The versions detected by any process on this machine, by language id. */
export class VersionCache {
  readonly path: string
  #entries: Promise<Record<string, Entry>> | undefined
  #writing: Promise<void> = Promise.resolve()

  constructor(path: string = defaultVersionCachePath()) {
    this.path = path
  }

  /** The cached version for this fingerprint, if the language was detected with exactly these files. */
  async get(languageId: string, fingerprint: string): Promise<string | undefined> {
    this.#entries ??= this.#read()
    const entry = (await this.#entries)[languageId]
    return entry?.fingerprint === fingerprint ? entry.version : undefined
  }

  /**
   * Remembers a detected version. Writes are serialized in this process; the file is re-read and merged before
   * each write, and replaced atomically (rename), so concurrent processes lose at most each other's newest entry.
   */
  set(languageId: string, fingerprint: string, version: string): Promise<void> {
    const entry = { fingerprint, version }
    this.#entries = (this.#entries ?? this.#read()).then((entries) => ({ ...entries, [languageId]: entry }))
    this.#writing = this.#writing.then(async () => {
      const merged = { ...(await this.#read()), [languageId]: entry }
      await this.#write(merged).catch(() => {
        // Best-effort: a read-only home only means detecting again next time.
      })
    })
    return this.#writing
  }

  async #read(): Promise<Record<string, Entry>> {
    try {
      const parsed = JSON.parse(await readFile(this.path, 'utf8')) as Partial<CacheFile>
      if (parsed.format !== FILE_VERSION || typeof parsed.languages !== 'object' || !parsed.languages)
        return {}
      return Object.fromEntries(
        Object.entries(parsed.languages).filter(
          ([, entry]) => typeof entry?.fingerprint === 'string' && typeof entry.version === 'string',
        ),
      )
    } catch {
      return {}
    }
  }

  async #write(languages: Record<string, Entry>): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true })
    const temporary = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    const body: CacheFile = { format: FILE_VERSION, languages }
    try {
      await writeFile(temporary, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o644 })
      await rename(temporary, this.path)
    } catch (error) {
      await unlink(temporary).catch(() => {})
      throw error
    }
  }
}
