import { checkFileLocation, checkFileSize, fileNotFound, formatFileUri, parseFileUri } from '../file-uri.ts'
import type { FileRepository } from '../types.ts'
import type { PostgresDatabase } from './database.ts'

/** Files as `bytea` rows, so every role of a distributed deployment reads them without a shared disk. */
export class PostgresFileRepository implements FileRepository {
  readonly #database: PostgresDatabase
  readonly #maxFileSize: number

  constructor(database: PostgresDatabase, maxFileSize: number) {
    this.#database = database
    this.#maxFileSize = maxFileSize
  }

  async put(namespace: string, executionId: string, name: string, bytes: Uint8Array): Promise<string> {
    const location = checkFileLocation({ namespace, executionId, name })
    checkFileSize(bytes, this.#maxFileSize, location)
    const uri = formatFileUri(location)
    await this.#database.query(
      `INSERT INTO files (uri, namespace, execution_id, name, size, content, created) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (uri) DO UPDATE SET size = excluded.size, content = excluded.content, created = excluded.created`,
      [
        uri,
        location.namespace,
        location.executionId,
        location.name,
        bytes.byteLength,
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        new Date().toISOString(),
      ],
    )
    return uri
  }

  async get(uri: string): Promise<Uint8Array> {
    const location = parseFileUri(uri)
    const [row] = await this.#database.query('SELECT content FROM files WHERE uri = $1', [
      formatFileUri(location),
    ])
    if (!row) throw fileNotFound(uri)
    const content = row.content as Buffer
    return new Uint8Array(content.buffer, content.byteOffset, content.byteLength)
  }

  async deleteByExecution(executionId: string): Promise<void> {
    await this.#database.query('DELETE FROM files WHERE execution_id = $1', [executionId])
  }
}
