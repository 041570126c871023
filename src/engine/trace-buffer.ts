import { AsyncResource } from 'node:async_hooks'
import type { Queue } from '../queue/types.ts'
import type { Store, TraceEventRecord } from '../store/types.ts'
import { type EngineEvent, EVENTS_CHANNEL } from './messages.ts'

/** How long trace events of one attempt gather before they are stored together (live views lag at most this). */
const BATCH_MS = 50

/**
 * The trace events of one task-run attempt, stored in one write per batch instead of one transaction per event
 * (an agent run emits several per LLM turn) and published once stored, so followers reading the store see them.
 * `ctx.trace` only buffers: the plugin never waits for the store; the worker calls `flush` before it reports the
 * attempt's end, so every event is stored before the task run is seen finished.
 */
export class TraceBuffer {
  readonly #store: Store
  readonly #queue: Queue
  readonly #flushLater: () => void
  #pending: TraceEventRecord[] = []
  #timer: NodeJS.Timeout | undefined
  #flushing: Promise<void> = Promise.resolve()
  #error: unknown

  constructor(deps: { store: Store; queue: Queue }) {
    this.#store = deps.store
    this.#queue = deps.queue
    // Bound to the creation context: a timer armed inside a store transaction must not write as part of it.
    this.#flushLater = AsyncResource.bind(() => {
      this.#timer = undefined
      this.#write()
    })
  }

  add(event: TraceEventRecord): void {
    this.#pending.push(event)
    this.#timer ??= setTimeout(this.#flushLater, BATCH_MS)
  }

  /** Stores and publishes everything buffered so far; throws the first write error since the last flush. */
  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer)
      this.#timer = undefined
    }
    this.#write()
    await this.#flushing
    const error = this.#error
    this.#error = undefined
    if (error !== undefined) throw error
  }

  #write(): void {
    const batch = this.#pending
    if (batch.length === 0) return
    this.#pending = []
    this.#flushing = this.#flushing.then(async () => {
      try {
        await this.#store.traces.append(batch)
        for (const trace of batch)
          await this.#queue.publish<EngineEvent>(EVENTS_CHANNEL, { type: 'trace', trace })
      } catch (error) {
        this.#error ??= error
      }
    })
  }
}
