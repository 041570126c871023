/**
 * `verity server [--port N] [--host H] [--roles api,executor,worker]`: the HTTP server — health at `/health`, the
 * REST API at `/api/v1` with the engine embedded, the Judge0 API at `/judge0` — over the configured store, queue
 * and sandbox, until SIGINT/SIGTERM shut it down gracefully. Distributed mode runs the roles in separate processes.
 */
import { Command, InvalidArgumentError } from 'commander'
import { loadConfig, type VerityConfig } from '../../config/index.ts'
import { defaultConcurrency } from '../../config/sandbox.ts'
import { SERVER_ROLES, type ServerRole } from '../../config/server.ts'
import { createEngine } from '../../engine/index.ts'
import { VerityError } from '../../errors.ts'
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
  overrides: { port?: number; host?: string; roles?: ServerRole[] } = {},
  options: SandboxOptions = {},
): Promise<{ server: Server; url: string; roles: ServerRole[] }> {
  const serverConfig = { ...config.server, ...definedOnly(overrides) }
  const roles = new Set(serverConfig.roles)
  checkRoles(roles, config)
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
    roles: { api: roles.has('api'), worker: roles.has('worker') },
  })
  server.onClose(() => store.close())
  server.onClose(() => sandbox.close())
  server.onClose(() => queue.close())
  const registry = createDefaultRegistry()
  const engine = createEngine({
    store,
    queue,
    registry,
    config,
    sandbox,
    roles: { executor: roles.has('executor'), worker: roles.has('worker') },
  })
  await engine.start()
  server.onClose(() => engine.stop())
  if (roles.has('api')) {
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
  }
  const { url } = await server.listen()
  return { server, url, roles: [...roles] }
}

/** Roles split over several processes meet only through a shared store and queue: PostgreSQL for both. */
function checkRoles(roles: Set<ServerRole>, config: VerityConfig): void {
  if (roles.size === SERVER_ROLES.length) return
  if (config.store.type === 'postgres' && config.queue.type === 'postgres') return
  throw new VerityError(
    'CONFIG',
    `server.roles [${[...roles].join(', ')}]: running only some roles needs the store and the queue shared on PostgreSQL ` +
      `(store.type: postgres and queue.type: postgres; now ${config.store.type} and ${config.queue.type}); ` +
      'with SQLite and the in-process queue one server runs every role',
  )
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>
}

function parseRoles(value: string): ServerRole[] {
  const roles = value
    .split(',')
    .map((role) => role.trim())
    .filter((role) => role !== '')
  const unknown = roles.filter((role) => !(SERVER_ROLES as readonly string[]).includes(role))
  if (roles.length === 0) throw new InvalidArgumentError(`name at least one of ${SERVER_ROLES.join(', ')}`)
  if (unknown.length > 0) {
    throw new InvalidArgumentError(`unknown role ${unknown.join(', ')}; roles are ${SERVER_ROLES.join(', ')}`)
  }
  return [...new Set(roles)] as ServerRole[]
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
    .option(
      '--roles <roles>',
      'what this process does, comma-separated: api, executor, worker (default: server.roles, all three)',
      parseRoles,
    )
    .addHelpText(
      'after',
      `
Examples:
  $ verity server                              # embedded: every role, SQLite, in-process queue
  $ verity server --port 9000
  $ verity server --roles api                  # distributed (PostgreSQL store and queue): the HTTP APIs and UI
  $ verity server --roles executor,worker      # … and a process that decides and runs the work`,
    )
    .action(async (options: { port?: number; host?: string; roles?: ServerRole[] }, command: Command) => {
      const config = loadConfig({ path: command.optsWithGlobals().config })
      const { server, url, roles } = await startServer(config, options)
      const serves = roles.includes('api')
        ? `REST API: ${url}/api/v1, Judge0 API: ${url}/judge0`
        : `health: ${url}/health`
      const split = roles.length < SERVER_ROLES.length ? `; roles: ${roles.join(', ')}` : ''
      process.stdout.write(`Verity ${VERITY_VERSION} listening on ${url} (${serves}${split})\n`)
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
