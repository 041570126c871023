import { AsyncResource } from 'node:async_hooks'
import type { LogLevel, LogRecord, LogRepository } from '../store/types.ts'
import type { TaskLogger } from './run-context.ts'

/**
 * Batches log lines into the store (one `append` per batch instead of one write per line) and publishes each
 * line at once as an engine event, so the CLI streams logs live while the store sees few writes.
 * Callbacks are bound to the sink's creation context: a flush scheduled from inside a store transaction must
 * not run as part of it.
 */
export class LogSink {
  readonly #repository: LogRepository
  readonly #publish: (log: LogRecord) => void
  readonly #batchSize: number
  readonly #intervalMs: number
  #buffer: LogRecord[] = []
  #timer: NodeJS.Timeout | undefined
  #flushing: Promise<void> = Promise.resolve()
  readonly #flushLater: () => void

  constructor(options: {
    repository: LogRepository
    publish: (log: LogRecord) => void
    batchSize?: number
    intervalMs?: number
  }) {
    this.#repository = options.repository
    this.#publish = AsyncResource.bind(options.publish)
    this.#batchSize = options.batchSize ?? 500
    this.#intervalMs = options.intervalMs ?? 50
    this.#flushLater = AsyncResource.bind(() => {
      this.#timer = undefined
      void this.flush()
    })
  }

  append(log: LogRecord): void {
    this.#buffer.push(log)
    this.#publish(log)
    if (this.#buffer.length >= this.#batchSize) this.#flushLater()
    else this.#timer ??= setTimeout(this.#flushLater, this.#intervalMs)
  }

  /** Writes everything buffered so far; resolves once it is stored. */
  flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer)
      this.#timer = undefined
    }
    this.#flushing = this.#flushing.then(async () => {
      const batch = this.#buffer
      if (batch.length === 0) return
      this.#buffer = []
      try {
        await this.#repository.append(batch)
      } catch (error) {
        process.stderr.write(`verity: could not store ${batch.length} log lines: ${String(error)}\n`)
      }
    })
    return this.#flushing
  }
}

const LEVELS: Record<LogLevel, number> = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4 }

/** True when `level` passes the `minimum` filter (a task's `logLevel`). */
export function isLevelEnabled(level: LogLevel, minimum: LogLevel | undefined): boolean {
  return minimum === undefined || LEVELS[level] >= LEVELS[minimum]
}

/** The `ctx.logger` of a task run: filters by the task's `logLevel`, masks secrets, timestamps, sinks. */
export function createTaskLogger(options: {
  sink: LogSink
  base: Omit<LogRecord, 'level' | 'message' | 'timestamp'>
  minimum?: LogLevel
  mask: (text: string) => string
  onLog?: () => void
}): TaskLogger {
  const log = (level: LogLevel, message: string) => {
    if (!isLevelEnabled(level, options.minimum)) return
    options.onLog?.()
    options.sink.append({
      ...options.base,
      level,
      message: options.mask(message),
      timestamp: new Date().toISOString(),
    })
  }
  return {
    log,
    trace: (message) => log('TRACE', message),
    debug: (message) => log('DEBUG', message),
    info: (message) => log('INFO', message),
    warn: (message) => log('WARN', message),
    error: (message) => log('ERROR', message),
  }
}
