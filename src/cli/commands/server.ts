/**
 * `verity server [--port N] [--host H]`: the HTTP server — health at `/health`, the REST API at `/api/v1` with the
 * engine embedded, the Judge0 API at `/judge0` —
 * over the configured store, queue and sandbox, until SIGINT/SIGTERM shut it down gracefully.
 */
import { Command, InvalidArgumentError } from 'commander'
import { loadConfig, type VerityConfig } from '../../config/index.ts'
import { defaultConcurrency } from '../../config/sandbox.ts'
import { createEngine } from '../../engine/index.ts'
import { createDefaultRegistry } from '../../plugins/index.ts'
import { createQueue } from '../../queue/index.ts'
import { createSandbox, type SandboxOptions } from '../../sandbox/index.ts'
import { createRestApi, seedExamples } from '../../server/api/index.ts'
import { createServer, type Server } from '../../server/index.ts'
import { uiStatic } from '../../server/ui-static.ts'
import { createStore } from '../../store/index.ts'
import { VERITY_VERSION } from '../../version.ts'

/**
 * Builds the whole server process from the configuration: store, queue, sandbox, HTTP server (Judge0 API
 * included), with shutdown hooks that close them in reverse order. `options` reach `createSandbox` (tests pass
 * a fixed language list to skip detecting every toolchain). This is the one place `verity server` is
 * wired: areas that serve more (REST API, engine in embedded mode) extend it here.
 *
 * @example
 * const { server } = await startServer(loadConfig(), { port: 0 })
 */
export async function startServer(
  config: VerityConfig,
  overrides: { port?: number; host?: string } = {},
  options: SandboxOptions = {},
): Promise<{ server: Server; url: string }> {
  const serverConfig = { ...config.server, ...definedOnly(overrides) }
  const store = await createStore(config.store, config.dataDir)
  const queue = await createQueue(config.queue)
  const sandbox = createSandbox(config.sandbox, options)
  const server = createServer({
    config: { ...config, server: serverConfig },
    store,
    queue,
    sandbox,
    languages: await sandbox.languages(),
    concurrency: config.sandbox.concurrency ?? defaultConcurrency(),
    maxInputFiles: config.sandbox.maxFiles,
    verityVersion: VERITY_VERSION,
  })
  server.onClose(() => store.close())
  server.onClose(() => sandbox.close())
  server.onClose(() => queue.close())
  // Embedded mode: the executor and a worker run in this process, so flows started over the API execute here.
  const registry = createDefaultRegistry()
  const engine = createEngine({ store, queue, registry, config, sandbox })
  await engine.start()
  server.onClose(() => engine.stop())
  const log = (message: string) => process.stderr.write(`${message}\n`)
  const deps = {
    store,
    engine,
    registry,
    config: { ...config, server: serverConfig },
    verityVersion: VERITY_VERSION,
    log,
  }
  const api = await createRestApi(deps)
  server.onClose(() => api.close())
  server.app.route('/', api.app)
  // Last: the web UI answers every other GET (SPA fallback) but never an API path.
  server.app.route('/', uiStatic())
  if (serverConfig.seedExamples) await seedExamples(deps)
  const { url } = await server.listen()
  return { server, url }
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>
}

function port(value: string): number {
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    throw new InvalidArgumentError('must be an integer from 0 to 65535')
  }
  return parsed
}

export function serverCommand(): Command {
  return new Command('server')
    .description(
      'Run the HTTP server: the REST API at /api/v1 (flows run here) and the Judge0-compatible API at /judge0',
    )
    .option('-p, --port <port>', 'port to listen on (default: server.port, 8080)', port)
    .option('-H, --host <host>', 'address to listen on (default: server.host, 127.0.0.1)')
    .action(async (options: { port?: number; host?: string }, command: Command) => {
      const config = loadConfig({ path: command.optsWithGlobals().config })
      const { server, url } = await startServer(config, options)
      process.stdout.write(
        `Verity ${VERITY_VERSION} listening on ${url} (REST API: ${url}/api/v1, Judge0 API: ${url}/judge0)\n`,
      )
      stopOnSignals(server)
    })
}

/** Graceful shutdown on SIGINT/SIGTERM: finish (or re-queue) running work, close everything, exit 0. */
export function stopOnSignals(server: Server): void {
  const stop = (signal: string) => {
    process.stdout.write(`${signal} received: finishing running work, then stopping\n`)
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${error instanceof Error ? error.stack : String(error)}\n`)
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
