/**
 * The queue area's public face: the `Queue` interface and `createQueue`, which opens the configured backend.
 */
import type { QueueConfig } from '../config/store.ts'
import { QueueError } from './errors.ts'
import { MemoryQueue, type QueueErrorHandler } from './memory.ts'
import type { Queue } from './types.ts'

export { QueueError } from './errors.ts'
export { MemoryQueue, type QueueErrorHandler } from './memory.ts'
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
    throw new QueueError('QUEUE_UNSUPPORTED', 'The PostgreSQL queue is not available in this build yet')
  }
  return new MemoryQueue(options)
}
