import { AsyncResource } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'
import { QueueError, type QueueErrorHandler, reportToStderr, workConcurrency } from './errors.ts'
import { Fifo } from './fifo.ts'
import { ChannelListeners } from './listeners.ts'
import type { Job, Queue, Subscription, WorkOptions } from './types.ts'

export interface MemoryQueueOptions {
  /** Default: writes the failure to stderr. */
  onError?: QueueErrorHandler
}

interface Consumer {
  handler: (job: Job<unknown>) => Promise<void>
  concurrency: number
  running: Set<Promise<void>>
  stopped: boolean
  exclusive: WorkOptions['exclusive']
}

interface Lane {
  waiting: Fifo<Job<unknown>>
  consumers: Consumer[]
  /** Round-robin start, so competing consumers share the jobs. */
  next: number
  /** The exclusive consumer that may take jobs now; other exclusive consumers stand by. */
  holder?: Consumer
}

/**
 * The in-process queue of embedded mode: FIFO jobs per queue, competing consumers with bounded concurrency,
 * fan-out events. Nothing is persisted: the store's crash recovery re-creates work after a restart.
 *
 * @example
 * const queue = new MemoryQueue()
 * await queue.work('task-runs', async (job) => run(job.data), { concurrency: 4 })
 * await queue.send('task-runs', { taskRunId })
 */
export class MemoryQueue implements Queue {
  readonly kind = 'memory' as const
  readonly durable = false
  readonly #lanes = new Map<string, Lane>()
  readonly #listeners = new ChannelListeners()
  readonly #onError: QueueErrorHandler
  #closed = false

  constructor(options: MemoryQueueOptions = {}) {
    this.#onError = options.onError ?? reportToStderr
  }

  async send<T>(queue: string, data: T): Promise<string> {
    this.#checkOpen()
    const job: Job<unknown> = { id: randomUUID(), queue, data, attempt: 1 }
    const lane = this.#lane(queue)
    lane.waiting.push(job)
    this.#dispatch(lane)
    return job.id
  }

  async work<T>(
    queue: string,
    handler: (job: Job<T>) => Promise<void>,
    options: WorkOptions = {},
  ): Promise<Subscription> {
    this.#checkOpen()
    const concurrency = workConcurrency(options)
    const consumer: Consumer = {
      // Bound to the caller of `work`: a job sent inside a store transaction must not run inside it.
      handler: AsyncResource.bind(handler as Consumer['handler']),
      concurrency,
      running: new Set(),
      stopped: false,
      exclusive: options.exclusive,
    }
    const lane = this.#lane(queue)
    lane.consumers.push(consumer)
    this.#elect(lane)
    this.#dispatch(lane)
    return {
      stop: async () => {
        consumer.stopped = true
        lane.consumers = lane.consumers.filter((candidate) => candidate !== consumer)
        await Promise.all(consumer.running)
        // The next exclusive consumer takes over once this one's jobs have settled.
        if (lane.holder === consumer) {
          lane.holder = undefined
          this.#elect(lane)
          this.#dispatch(lane)
        }
      },
    }
  }

  async size(queue: string): Promise<number> {
    return this.#lanes.get(queue)?.waiting.size ?? 0
  }

  async publish<T>(channel: string, event: T): Promise<void> {
    this.#checkOpen()
    this.#listeners.deliver(channel, event, (error) => this.#onError(error, { channel }))
  }

  async listen<T>(channel: string, handler: (event: T) => void): Promise<Subscription> {
    this.#checkOpen()
    return this.#listeners.add(channel, handler)
  }

  /** Stops every consumer and listener, then waits for running handlers. Waiting jobs are dropped. */
  async close(): Promise<void> {
    this.#closed = true
    const running: Promise<void>[] = []
    for (const lane of this.#lanes.values()) {
      for (const consumer of lane.consumers) {
        consumer.stopped = true
        running.push(...consumer.running)
      }
      lane.consumers = []
    }
    this.#listeners.clear()
    await Promise.all(running)
  }

  #lane(queue: string): Lane {
    let lane = this.#lanes.get(queue)
    if (!lane) {
      lane = { waiting: new Fifo(), consumers: [], next: 0 }
      this.#lanes.set(queue, lane)
    }
    return lane
  }

  /** Hands waiting jobs to consumers with a free slot, in FIFO order, rotating between consumers. */
  #dispatch(lane: Lane): void {
    while (lane.waiting.size > 0) {
      const consumer = this.#freeConsumer(lane)
      if (!consumer) return
      this.#start(lane, consumer, lane.waiting.shift()!)
    }
  }

  /** Makes the first exclusive consumer standing by the holder, when there is none. */
  #elect(lane: Lane): void {
    if (lane.holder) return
    lane.holder = lane.consumers.find((consumer) => consumer.exclusive && !consumer.stopped)
    lane.holder?.exclusive?.onAcquired?.()
  }

  #freeConsumer(lane: Lane): Consumer | undefined {
    const count = lane.consumers.length
    for (let offset = 0; offset < count; offset++) {
      const consumer = lane.consumers[(lane.next + offset) % count]
      if (consumer.exclusive && consumer !== lane.holder) continue
      if (consumer.running.size < consumer.concurrency) {
        lane.next = (lane.next + offset + 1) % count
        return consumer
      }
    }
    return undefined
  }

  #start(lane: Lane, consumer: Consumer, job: Job<unknown>): void {
    // Started on a microtask so a handler's synchronous part never runs inside `send` (no re-entrancy).
    const running: Promise<void> = Promise.resolve()
      .then(() => consumer.handler(job))
      .catch((error) => this.#onError(error, { queue: job.queue, jobId: job.id }))
      .finally(() => {
        consumer.running.delete(running)
        if (!consumer.stopped) this.#dispatch(lane)
      })
    consumer.running.add(running)
  }

  #checkOpen(): void {
    if (this.#closed) throw new QueueError('QUEUE_CLOSED', 'The queue is closed')
  }
}
