import { constants } from 'node:fs'
import { lstat, mkdir, open, readFile, rename, rm, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { StoreError } from '../errors.ts'
import {
  checkExecutionFolder,
  checkFileLocation,
  checkFileSize,
  fileNotFound,
  formatFileUri,
  parseFileUri,
} from '../file-uri.ts'
import type { FileRepository } from '../types.ts'
import type { SqliteDatabase } from './database.ts'

/**
 * Files on disk under `<dataDir>/storage/<namespace>/<executionId>/<name>`, indexed in the `files` table.
 * Names are validated (no `..`, no absolute paths) and no symbolic link is ever followed: directories are
 * checked one by one with `lstat` and files are opened with `O_NOFOLLOW`.
 */
export class SqliteFileRepository implements FileRepository {
  readonly #database: SqliteDatabase
  readonly #root: string
  readonly #maxFileSize: number

  constructor(database: SqliteDatabase, root: string, maxFileSize: number) {
    this.#database = database
    this.#root = root
    this.#maxFileSize = maxFileSize
  }

  async put(namespace: string, executionId: string, name: string, bytes: Uint8Array): Promise<string> {
    const location = checkFileLocation({ namespace, executionId, name })
    checkFileSize(bytes, this.#maxFileSize, location)
    const segments = [location.namespace, location.executionId, ...location.name.split('/')]
    const directory = await this.#directory(segments.slice(0, -1), true)
    const target = join(directory, segments.at(-1)!)
    // Write aside then rename: a reader never sees half a file, and rename replaces a link, never its target.
    const temporary = join(directory, `.${segments.at(-1)}.${process.pid}.${Date.now()}.tmp`)
    const handle = await open(
      temporary,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    )
    try {
      await handle.writeFile(bytes)
    } finally {
      await handle.close()
    }
    const uri = formatFileUri(location)
    try {
      await rename(temporary, target)
      await this.#database.run(() =>
        this.#database
          .statement(
            `INSERT INTO files (uri, namespace, execution_id, name, size, created) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (uri) DO UPDATE SET size = excluded.size, created = excluded.created`,
          )
          .run(
            uri,
            location.namespace,
            location.executionId,
            location.name,
            bytes.byteLength,
            new Date().toISOString(),
          ),
      )
    } catch (error) {
      await unlink(temporary).catch(() => {})
      throw error
    }
    return uri
  }

  async get(uri: string): Promise<Uint8Array> {
    const location = parseFileUri(uri)
    const segments = [location.namespace, location.executionId, ...location.name.split('/')]
    let handle: Awaited<ReturnType<typeof open>>
    try {
      const directory = await this.#directory(segments.slice(0, -1), false)
      handle = await open(join(directory, segments.at(-1)!), constants.O_RDONLY | constants.O_NOFOLLOW)
    } catch (error) {
      if (isMissing(error)) throw fileNotFound(uri)
      throw error
    }
    try {
      if (!(await handle.stat()).isFile()) throw fileNotFound(uri)
      return new Uint8Array(await readFile(handle))
    } finally {
      await handle.close()
    }
  }

  async deleteByExecution(executionId: string): Promise<void> {
    const rows = await this.#database.run(() =>
      this.#database
        .statement('SELECT DISTINCT namespace FROM files WHERE execution_id = ?')
        .all(executionId),
    )
    for (const row of rows) {
      const namespace = row.namespace as string
      checkExecutionFolder(namespace, executionId)
      // rm never follows links: a link inside is removed, not what it points to.
      await rm(join(this.#root, namespace, executionId), { recursive: true, force: true })
    }
    await this.#database.run(() =>
      this.#database.statement('DELETE FROM files WHERE execution_id = ?').run(executionId),
    )
  }

  /** Resolves `segments` below the root, refusing any link or non-directory on the way. */
  async #directory(segments: string[], create: boolean): Promise<string> {
    if (create) await mkdir(this.#root, { recursive: true })
    let path = this.#root
    for (const segment of segments) {
      path = join(path, segment)
      if (create) await mkdir(path).catch((error) => (isExisting(error) ? undefined : Promise.reject(error)))
      const stats = await lstat(path)
      if (!stats.isDirectory()) {
        throw new StoreError(
          'FILE_PATH_UNSAFE',
          `Refusing ${path}: not a plain directory (links are never followed)`,
        )
      }
    }
    return path
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP'
}

function isExisting(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'EEXIST'
}
