/**
 * LISTEN/NOTIFY for the PostgreSQL queue: one dedicated connection receives job wake-ups and events, and
 * reconnects by itself. Events keep their publish order per sender; those above NOTIFY's 8000-byte payload
 * limit travel by reference through a table.
 */
import pg from 'pg'
import { ChannelListeners } from './listeners.ts'
import type { Subscription } from './types.ts'

type Statements = Record<'notify' | 'storePayload' | 'loadPayload', string>

export interface NotificationOptions {
  url: string
  pool: pg.Pool
  schema: string
  sql: Statements
  /** A job was sent to `queue`. */
  onJobs: (queue: string) => void
  /** The connection came back: wake-ups may have been missed. */
  onReconnect: () => void
  onError: (error: unknown, channel?: string) => void
}

/** Payloads up to this size go inline; NOTIFY refuses 8000 bytes and more. */
const INLINE_PAYLOAD_BYTES = 7900
const RECONNECT_DELAY_MS = 1000

export class PostgresNotifications {
  readonly jobsChannel: string
  readonly eventsChannel: string
  readonly #options: NotificationOptions
  readonly #listeners = new ChannelListeners()
  #client: pg.Client | undefined
  #delivery: Promise<void> = Promise.resolve()
  #reconnectTimer: NodeJS.Timeout | undefined
  #stopped = false

  constructor(options: NotificationOptions) {
    this.#options = options
    this.jobsChannel = `vq_jobs_${options.schema}`
    this.eventsChannel = `vq_events_${options.schema}`
  }

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#options.url })
    client.on('notification', (message) => this.#receive(message.channel, message.payload ?? ''))
    client.on('error', () => this.#reconnect(client))
    client.on('end', () => this.#reconnect(client))
    await client.connect()
    await client.query(`LISTEN "${this.jobsChannel}"; LISTEN "${this.eventsChannel}"`)
    this.#client = client
  }

  async publish(channel: string, event: unknown): Promise<void> {
    const payload = JSON.stringify({ channel, event: event ?? null })
    const statement = Buffer.byteLength(payload) <= INLINE_PAYLOAD_BYTES ? 'notify' : 'storePayload'
    await this.#options.pool.query({
      name: `verity_queue_${statement}`,
      text: this.#options.sql[statement],
      values: [this.eventsChannel, payload],
    })
  }

  listen(channel: string, handler: (event: unknown) => void): Subscription {
    return this.#listeners.add(channel, handler)
  }

  async stop(): Promise<void> {
    this.#stopped = true
    clearTimeout(this.#reconnectTimer)
    this.#listeners.clear()
    await this.#delivery
    await this.#client?.end().catch(() => {})
  }

  #receive(channel: string, payload: string): void {
    if (channel === this.jobsChannel) {
      this.#options.onJobs(payload)
      return
    }
    // Chained, so an event fetched by reference is not overtaken by the small ones published after it.
    this.#delivery = this.#delivery.then(() => this.#deliver(payload))
  }

  async #deliver(payload: string): Promise<void> {
    let message: { channel?: string; event?: unknown; ref?: number }
    try {
      message = JSON.parse(payload)
      if (message.ref !== undefined) {
        const { rows } = await this.#options.pool.query({
          name: 'verity_queue_loadPayload',
          text: this.#options.sql.loadPayload,
          values: [message.ref],
        })
        if (rows.length === 0) return
        message = JSON.parse(rows[0].payload)
      }
    } catch (error) {
      if (!this.#stopped) this.#options.onError(error)
      return
    }
    this.#listeners.deliver(message.channel ?? '', message.event, (error) =>
      this.#options.onError(error, message.channel),
    )
  }

  #reconnect(broken: pg.Client): void {
    if (this.#stopped || this.#client !== broken) return
    this.#client = undefined
    broken.end().catch(() => {})
    this.#reconnectTimer = setTimeout(async () => {
      try {
        await this.start()
        this.#options.onReconnect()
      } catch (error) {
        this.#options.onError(error)
        this.#client = broken
        this.#reconnect(broken)
      }
    }, RECONNECT_DELAY_MS)
  }
}
