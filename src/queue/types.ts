/**
 * The queue between executor, workers and listeners. One interface, two backends: in-process (embedded mode)
 * and PostgreSQL-backed (distributed mode). The engine never checks which one it has.
 *
 * Two kinds of traffic:
 * - jobs (`send`/`work`): competing consumers, each job handled by exactly one worker, at least once; the
 *   PostgreSQL backend persists them so a crash loses none.
 * - events (`publish`/`listen`): fan-out notifications (state changes, new logs) to every listener; not persisted.
 */

export interface Job<T> {
  id: string
  queue: string
  data: T
  /** 1 on first delivery. */
  attempt: number
}

export interface WorkOptions {
  /** How many jobs this consumer handles at once. Default 1. */
  concurrency?: number
  /**
   * One consumer at a time, across every process sharing the queue (leader election): the others stand by and
   * the next takes over when it stops or its process dies. `onAcquired` runs each time this consumer becomes the
   * one, before its first job (state cached from an earlier turn may be stale by then).
   */
  exclusive?: { onAcquired?: () => void }
}

export interface Subscription {
  stop(): Promise<void>
}

export interface Queue {
  readonly kind: 'memory' | 'postgres'
  /**
   * Whether jobs outlive the process: a job a dead consumer held is delivered again (`attempt` + 1), so users of
   * the queue need no recovery of their own. The in-process queue loses its jobs with the process.
   */
  readonly durable: boolean
  /** Enqueues a job; resolves once it is accepted (persisted, for durable backends). Returns the job id. */
  send<T>(queue: string, data: T): Promise<string>
  /**
   * Consumes jobs. The handler's promise settling marks the job done; a rejection is logged and the job is
   * not redelivered (the engine records failures itself).
   */
  work<T>(
    queue: string,
    handler: (job: Job<T>) => Promise<void>,
    options?: WorkOptions,
  ): Promise<Subscription>
  /** Jobs waiting (not yet picked up) in a queue, for back-pressure ("queue is full"). */
  size(queue: string): Promise<number>
  /** Fan-out event to every current listener of the channel. */
  publish<T>(channel: string, event: T): Promise<void>
  listen<T>(channel: string, handler: (event: T) => void): Promise<Subscription>
  /** Stops consuming; waits for running handlers to settle. */
  close(): Promise<void>
}
