import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import type { Judge0Config } from '../config/judge0.ts'
import type { ServerConfig } from '../config/server.ts'
import { createJudge0App, Judge0Service, type SandboxRunner } from '../judge0/index.ts'
import type { Queue } from '../queue/types.ts'
import type { LanguageDefinition } from '../sandbox/types.ts'
import type { Store } from '../store/types.ts'
import { errorHandler, notFound } from './errors.ts'

export interface ServerOptions {
  /** The `server:` and `judge0:` sections of the configuration (the whole Verity config fits). */
  config: { server: ServerConfig; judge0: Judge0Config }
  store: Store
  queue: Queue
  sandbox: SandboxRunner
  /** Installed languages (src/sandbox/languages `listLanguages()`). */
  languages: readonly LanguageDefinition[]
  /** Runs at once: the sandbox pool size. */
  concurrency: number
  /** Most input files a run may have: the sandbox's `maxFiles` (caps Judge0's `additional_files`). */
  maxInputFiles?: number
  verityVersion: string
  /** Where unexpected errors are logged. Default: stderr. */
  log?: (message: string) => void
  /** For Judge0 callbacks (tests inject one); default global fetch. */
  fetch?: typeof fetch
  /** `api` serves the Judge0 API, `worker` runs submissions; both by default. `/health` is always served. */
  roles?: { api: boolean; worker: boolean }
}

export interface Server {
  /**
   * The Hono app. Mount more route groups before `listen()`:
   * `server.app.route('/api/v1', restApi)`. `/health` and `/judge0` are taken; `/api/v1/health` is free for the
   * REST API to define.
   */
  readonly app: Hono
  readonly judge0: Judge0Service
  /** Starts background work (Judge0 recovery and workers) and listens; resolves with the bound address. */
  listen(): Promise<{ host: string; port: number; url: string }>
  /**
   * Runs `hook` during shutdown, after requests stopped and running work finished, before `close()` resolves.
   * Hooks run in reverse registration order (close what you opened last first), e.g. queue then store.
   */
  onClose(hook: () => Promise<void>): void
  /** Graceful shutdown: stop accepting, finish (or re-queue past `shutdownTimeout`) running work, run hooks. */
  close(): Promise<void>
}

/**
 * Builds Verity's HTTP server: `GET /health`, the Judge0 API at `/judge0`, JSON errors from one handler.
 *
 * @example
 * const server = createServer({ config, store, queue, sandbox, languages, concurrency: 2, verityVersion })
 * server.app.route('/api/v1', restApi)
 * server.onClose(() => store.close())
 * const { url } = await server.listen()
 */
export function createServer(options: ServerOptions): Server {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`))
  const roles = options.roles ?? { api: true, worker: true }
  const judge0 = new Judge0Service({
    config: options.config.judge0,
    store: options.store,
    queue: options.queue,
    sandbox: options.sandbox,
    languages: options.languages,
    concurrency: options.concurrency,
    maxExtractFiles: options.maxInputFiles,
    fetch: options.fetch,
  })
  const app = new Hono()
  app.onError(errorHandler(log))
  app.notFound(notFound)
  app.get('/health', (context) =>
    context.json(
      {
        status: closing ? 'stopping' : 'ok',
        version: options.verityVersion,
        store: options.store.kind,
        queue: options.queue.kind,
      },
      closing ? 503 : 200,
    ),
  )
  if (options.config.judge0.enabled && roles.api) {
    app.route('/judge0', createJudge0App(judge0, { verityVersion: options.verityVersion }))
  }

  const hooks: Array<() => Promise<void>> = []
  let http: ReturnType<typeof serve> | undefined
  let closing = false
  let closed: Promise<void> | undefined

  async function shutdown(): Promise<void> {
    closing = true
    const timeoutMs = options.config.server.shutdownTimeout * 1000
    const stopped = new Promise<void>((resolve) => {
      if (!http) return resolve()
      http.close(() => resolve())
      // Keep-alive connections with no request in flight would hold close() open.
      if ('closeIdleConnections' in http) http.closeIdleConnections()
    })
    await judge0.stop(timeoutMs)
    const forced = setTimeout(() => {
      if (http && 'closeAllConnections' in http) http.closeAllConnections()
    }, timeoutMs)
    await stopped
    clearTimeout(forced)
    for (const hook of hooks.reverse()) await hook()
  }

  return {
    app,
    judge0,
    async listen() {
      if (options.config.judge0.enabled) await judge0.start(roles)
      const { host, port } = options.config.server
      const address = await new Promise<AddressInfo>((resolve, reject) => {
        http = serve({ fetch: app.fetch, hostname: host, port }, resolve)
        http.once('error', reject)
      })
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
      return { host: address.address, port: address.port, url: `http://${shownHost}:${address.port}` }
    },
    onClose(hook) {
      hooks.push(hook)
    },
    close() {
      closed ??= shutdown()
      return closed
    },
  }
}
