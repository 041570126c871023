import { SandboxBusyError } from './errors.ts'

/**
 * Bounds how many runs happen at once; further callers wait in a bounded FIFO queue, and beyond that are
 * refused with SandboxBusyError (never an unbounded backlog). A waiter whose AbortSignal fires leaves the queue.
 */
export class ConcurrencyQueue {
  readonly concurrency: number
  readonly queueSize: number
  private running = 0
  private readonly waiting: Array<{ start: () => void; fail: (error: unknown) => void }> = []

  constructor(concurrency: number, queueSize: number) {
    this.concurrency = concurrency
    this.queueSize = queueSize
  }

  /** Runs `task` when a slot is free. @throws SandboxBusyError when the queue is full. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted()
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queueSize) throw new SandboxBusyError(this.concurrency, this.queueSize)
      await new Promise<void>((resolve, reject) => {
        const entry = {
          start: () => {
            signal?.removeEventListener('abort', onAbort)
            resolve()
          },
          fail: reject,
        }
        const onAbort = () => {
          const index = this.waiting.indexOf(entry)
          if (index >= 0) this.waiting.splice(index, 1)
          reject(signal?.reason)
        }
        signal?.addEventListener('abort', onAbort, { once: true })
        this.waiting.push(entry)
      })
    } else {
      this.running++
    }
    try {
      return await task()
    } finally {
      const next = this.waiting.shift()
      // The slot passes straight to the next waiter, so `running` stays accurate.
      if (next) next.start()
      else this.running--
    }
  }

  /** Runs in progress and requests waiting, for metrics and doctor. */
  get stats(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length }
  }
}
