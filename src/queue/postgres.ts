/**
 * The durable queue of distributed mode, on PostgreSQL.
 *
 * Why not pg-boss: v10 finds new jobs by polling (at best every 0.5 s), which would add up to half a second
 * to every task hop of an execution, and its pub/sub stores a job copy per subscriber rather than fanning out
 * transient events. A jobs table read with `FOR UPDATE SKIP LOCKED` plus `LISTEN/NOTIFY` wake-ups hands a job
 * to a worker in about a millisecond, and NOTIFY is exactly the fan-out `publish/listen` needs.
 *
 * Crash safety: a fetched job is `active` with a lock deadline that its worker renews while the handler runs.
 * A worker that dies stops renewing; any instance's periodic sweep then puts the job back to `waiting` with its
 * attempt count kept (delivered again with `attempt` + 1), or marks it `failed` after `maxAttempts`.
 *
 * Exclusive consumers (leader election) hold a session-level advisory lock on a connection of their own: a
 * process that dies loses its connection and with it the lock, and a standby takes over at its next attempt.
 */
import { AsyncResource } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { QueueError, type QueueErrorHandler, reportToStderr, workConcurrency } from './errors.ts'
import { PostgresNotifications } from './postgres-notifications.ts'
import { queueSchemaSql, queueStatements } from './postgres-sql.ts'
import type { Job, Queue, Subscription, WorkOptions } from './types.ts'

export interface PostgresQueueOptions {
  url: string
  /** Schema of the queue tables, created when missing. Default `public`. */
  schema?: string
  /** How long a fetched job stays locked without a renewal before it is retried. Default 60 s. */
  expireSeconds?: number
  /** Fallback check for jobs and expired locks, should a notification be missed. Default 2 s. */
  pollIntervalMs?: number
  /** Deliveries of a job whose workers keep dying before it is marked failed. Default 3. */
  maxAttempts?: number
  poolSize?: number
  onError?: QueueErrorHandler
}

interface Consumer {
  queue: string
  handler: (job: Job<unknown>) => Promise<void>
  concurrency: number
  running: Map<string, Promise<void>>
  stopped: boolean
  fetching: boolean
  fetchAgain: boolean
  exclusive: WorkOptions['exclusive']
  /** The connection holding the exclusive lock, while this consumer is the one. */
  holder: pg.PoolClient | null
  /** A standby tries for the lock at most once per poll interval (not on every job notification). */
  nextAttemptAt: number
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,49}$/

export class PostgresQueue implements Queue {
  readonly kind = 'postgres' as const
  readonly durable = true
  readonly #pool: pg.Pool
  readonly #sql: ReturnType<typeof queueStatements>
  readonly #notifications: PostgresNotifications
  readonly #workerId = randomUUID()
  readonly #consumers = new Set<Consumer>()
  readonly #expireSeconds: number
  readonly #maxAttempts: number
  readonly #onError: QueueErrorHandler
  readonly #timers: NodeJS.Timeout[] = []
  readonly #schema: string
  readonly #pollIntervalMs: number
  #sweeping = false
  #closed = false

  private constructor(pool: pg.Pool, schema: string, options: PostgresQueueOptions) {
    this.#pool = pool
    this.#schema = schema
    this.#pollIntervalMs = options.pollIntervalMs ?? 2000
    this.#sql = queueStatements(schema)
    this.#expireSeconds = options.expireSeconds ?? 60
    this.#maxAttempts = options.maxAttempts ?? 3
    this.#onError = options.onError ?? reportToStderr
    this.#notifications = new PostgresNotifications({
      url: options.url,
      pool,
      schema,
      sql: this.#sql,
      onJobs: (queue) => this.#wake(queue),
      onReconnect: () => this.#wake(),
      onError: (error, channel) => this.#onError(error, { channel }),
    })
  }

  /**
   * Connects, creates the tables when missing and starts listening.
   *
   * @example
   * const queue = await PostgresQueue.open({ url: 'postgres://postgres@127.0.0.1/verity', schema: 'verity' })
   */
  static async open(options: PostgresQueueOptions): Promise<PostgresQueue> {
    const schema = options.schema ?? 'public'
    if (!SCHEMA_NAME.test(schema)) {
      throw new QueueError(
        'QUEUE_CONFIG',
        `Queue schema "${schema}" must be a plain identifier of at most 50 characters`,
      )
    }
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 10_000,
    })
    pool.on('error', () => {})
    const queue = new PostgresQueue(pool, schema, options)
    try {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        await client.query(`SELECT pg_advisory_xact_lock(hashtext('verity-queue:${schema}'))`)
        await client.query(queueSchemaSql(schema))
        await client.query('COMMIT')
      } finally {
        client.release()
      }
      await queue.#notifications.start()
    } catch (error) {
      await queue.close().catch(() => {})
      throw new QueueError(
        'QUEUE_UNREACHABLE',
        `Cannot open the PostgreSQL queue: ${(error as Error).message}`,
        {
          cause: error,
        },
      )
    }
    queue.#timers.push(setInterval(() => queue.#sweep(), queue.#pollIntervalMs))
    queue.#timers.push(setInterval(() => queue.#renew(), (queue.#expireSeconds * 1000) / 3))
    return queue
  }

  async send<T>(queue: string, data: T): Promise<string> {
    this.#checkOpen()
    const id = randomUUID()
    await this.#query('send', [id, queue, JSON.stringify(data ?? null), this.#notifications.jobsChannel])
    return id
  }

  async work<T>(
    queue: string,
    handler: (job: Job<T>) => Promise<void>,
    options: WorkOptions = {},
  ): Promise<Subscription> {
    this.#checkOpen()
    const concurrency = workConcurrency(options)
    const consumer: Consumer = {
      queue,
      handler: AsyncResource.bind(handler as Consumer['handler']),
      concurrency,
      running: new Map(),
      stopped: false,
      fetching: false,
      fetchAgain: false,
      exclusive: options.exclusive,
      holder: null,
      nextAttemptAt: 0,
    }
    this.#consumers.add(consumer)
    void this.#fill(consumer)
    return { stop: () => this.#stop(consumer) }
  }

  async size(queue: string): Promise<number> {
    const [row] = await this.#query('size', [queue])
    return Number(row.size)
  }

  async publish<T>(channel: string, event: T): Promise<void> {
    this.#checkOpen()
    await this.#notifications.publish(channel, event)
  }

  async listen<T>(channel: string, handler: (event: T) => void): Promise<Subscription> {
    this.#checkOpen()
    return this.#notifications.listen(channel, handler as (event: unknown) => void)
  }

  /** Stops consuming and listening, waits for running handlers, then disconnects. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    for (const timer of this.#timers) clearInterval(timer)
    await Promise.all([...this.#consumers].map((consumer) => this.#stop(consumer)))
    await this.#notifications.stop()
    await this.#pool.end()
  }

  async #stop(consumer: Consumer): Promise<void> {
    consumer.stopped = true
    // Stays registered until its handlers settle, so their locks keep being renewed.
    while (consumer.running.size > 0 || consumer.fetching) {
      await Promise.race([...consumer.running.values(), new Promise((resolve) => setTimeout(resolve, 10))])
    }
    this.#consumers.delete(consumer)
    // Closing the lock's connection releases it: a standby elsewhere takes over.
    consumer.holder?.release(true)
    consumer.holder = null
  }

  /** Whether an exclusive consumer holds (or now takes) its queue's lock; always true for the others. */
  async #isHolder(consumer: Consumer): Promise<boolean> {
    if (!consumer.exclusive || consumer.holder) return true
    if (Date.now() < consumer.nextAttemptAt) return false
    consumer.nextAttemptAt = Date.now() + this.#pollIntervalMs
    const client = await this.#pool.connect()
    try {
      const { rows } = await client.query('SELECT pg_try_advisory_lock(hashtext($1)) AS acquired', [
        `verity-exclusive:${this.#schema}:${consumer.queue}`,
      ])
      if (!rows[0].acquired || consumer.stopped) {
        client.release(true)
        return false
      }
    } catch (error) {
      client.release(true)
      throw error
    }
    client.on('error', () => this.#loseHold(consumer, client))
    consumer.holder = client
    consumer.exclusive.onAcquired?.()
    return true
  }

  /** The lock's connection failed: the lock went with it, so this consumer stands by again. */
  #loseHold(consumer: Consumer, client: pg.PoolClient): void {
    if (consumer.holder !== client) return
    consumer.holder = null
    client.release(true)
    this.#onError(
      new QueueError('QUEUE_EXCLUSIVE_LOST', `Lost the exclusive hold on queue "${consumer.queue}"`),
      { queue: consumer.queue },
    )
  }

  /** Fetches as many jobs as the consumer has free slots; loops while jobs keep coming. */
  async #fill(consumer: Consumer): Promise<void> {
    if (consumer.fetching) {
      consumer.fetchAgain = true
      return
    }
    consumer.fetching = true
    try {
      do {
        consumer.fetchAgain = false
        const free = consumer.concurrency - consumer.running.size
        if (free <= 0 || consumer.stopped || !(await this.#isHolder(consumer))) break
        const rows = await this.#query('fetch', [consumer.queue, free, this.#workerId, this.#expireSeconds])
        rows.sort((a, b) => Number(a.seq) - Number(b.seq))
        for (const row of rows) {
          const job: Job<unknown> = {
            id: row.id,
            queue: row.queue,
            data: row.data,
            attempt: Number(row.attempt),
          }
          if (consumer.stopped) await this.#query('release', [job.id, this.#workerId])
          else this.#start(consumer, job)
        }
        if (rows.length === free) consumer.fetchAgain = true
      } while (consumer.fetchAgain)
    } catch (error) {
      if (!this.#closed) this.#onError(error, { queue: consumer.queue })
    } finally {
      consumer.fetching = false
    }
  }

  #start(consumer: Consumer, job: Job<unknown>): void {
    const running = Promise.resolve()
      .then(() => consumer.handler(job))
      .catch((error) => this.#onError(error, { queue: job.queue, jobId: job.id }))
      .then(() => this.#query('complete', [job.id, this.#workerId, job.attempt]))
      .catch((error) => this.#onError(error, { queue: job.queue, jobId: job.id }))
      .finally(() => {
        consumer.running.delete(job.id)
        if (!consumer.stopped) void this.#fill(consumer)
      })
    consumer.running.set(job.id, running as Promise<void>)
  }

  #wake(queue?: string): void {
    for (const consumer of this.#consumers) {
      if (queue === undefined || consumer.queue === queue) void this.#fill(consumer)
    }
  }

  /** Requeues jobs whose worker died, reports those out of attempts, then looks for jobs anyway. */
  async #sweep(): Promise<void> {
    if (this.#sweeping || this.#closed) return
    this.#sweeping = true
    try {
      const recovered = await this.#query('recover', [this.#maxAttempts])
      for (const row of recovered) {
        if (row.state === 'failed') {
          const error = new QueueError(
            'QUEUE_JOB_ABANDONED',
            `Job ${row.id} of queue "${row.queue}" was abandoned after ${row.attempt} attempts whose workers stopped responding`,
          )
          this.#onError(error, { queue: row.queue, jobId: row.id })
        } else {
          await this.#query('notify', [this.#notifications.jobsChannel, row.queue])
        }
      }
      await this.#query('purgePayloads', [])
      this.#wake()
    } catch (error) {
      if (!this.#closed) this.#onError(error, {})
    } finally {
      this.#sweeping = false
    }
  }

  /**
   * Extends the lock of every job this instance is running, so long handlers are not taken for dead, and checks
   * that each exclusive hold's connection is still alive (a silently dropped one has lost its lock).
   */
  async #renew(): Promise<void> {
    for (const consumer of this.#consumers) {
      const holder = consumer.holder
      if (holder) await holder.query('SELECT 1').catch(() => this.#loseHold(consumer, holder))
    }
    const ids = [...this.#consumers].flatMap((consumer) => [...consumer.running.keys()])
    if (ids.length === 0 || this.#closed) return
    await this.#query('renew', [ids, this.#workerId, this.#expireSeconds]).catch((error) =>
      this.#onError(error, {}),
    )
  }

  async #query(statement: keyof ReturnType<typeof queueStatements>, values: unknown[]) {
    const result = await this.#pool.query({
      name: `verity_queue_${statement}`,
      text: this.#sql[statement],
      values,
    })
    return result.rows
  }

  #checkOpen(): void {
    if (this.#closed) throw new QueueError('QUEUE_CLOSED', 'The queue is closed')
  }
}
