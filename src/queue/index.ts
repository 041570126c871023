/**
 * The queue area's public face: the `Queue` interface and `createQueue`, which opens the configured backend.
 */
import type { QueueConfig } from '../config/store.ts'
import { QueueError, type QueueErrorHandler } from './errors.ts'
import { MemoryQueue } from './memory.ts'
import type { Queue } from './types.ts'

export { QueueError, type QueueErrorHandler } from './errors.ts'
export { MemoryQueue, type MemoryQueueOptions } from './memory.ts'
export type { PostgresQueueOptions } from './postgres.ts'
export type * from './types.ts'

export interface CreateQueueOptions {
  /** Where handler failures go. Default: stderr. */
  onError?: QueueErrorHandler
}

/**
 * Opens the queue `config` names: in-process (`memory`, the default) or PostgreSQL-backed (`postgres`, at
 * `config.url` in `config.schema`).
 *
 * @example
 * const queue = await createQueue({ type: 'memory' })
 */
export async function createQueue(config: QueueConfig, options: CreateQueueOptions = {}): Promise<Queue> {
  if (config.type === 'postgres') {
    if (!config.url) {
      throw new QueueError(
        'QUEUE_CONFIG',
        'queue.type is "postgres" but queue.url (a PostgreSQL connection string) is missing',
      )
    }
    // Loaded on demand: embedded mode never pays for the PostgreSQL driver.
    const { PostgresQueue } = await import('./postgres.ts')
    return PostgresQueue.open({ url: config.url, schema: config.schema, onError: options.onError })
  }
  return new MemoryQueue(options)
}
