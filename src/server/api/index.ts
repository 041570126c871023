/**
 * Verity's REST API (Kestra-compatible paths): `createRestApi(deps)` returns a Hono app to mount at the server's
 * root. Tenant routes answer under `/api/v1/main/...` and the tenant-less alias `/api/v1/...`.
 */
import { Hono } from 'hono'
import { authEnabled, authMiddleware } from './auth.ts'
import type { ApiDeps } from './deps.ts'
import { apiErrorHandler } from './errors.ts'
import { executionRoutes } from './executions.ts'
import { fileRoutes } from './files.ts'
import { flowRoutes } from './flows.ts'
import { kvRoutes } from './kv.ts'
import { logRoutes } from './logs.ts'
import { EngineMetrics, metricsRoutes } from './metrics.ts'
import { openApiDocument } from './openapi.ts'
import { pluginRoutes } from './plugins.ts'
import { webhookRoutes } from './webhooks.ts'

export { hashPassword, verifyPassword } from './auth.ts'
export type { ApiDeps } from './deps.ts'
export { seedExamples } from './seed.ts'

/** Paths that never need credentials: health, and webhooks (their key is the secret, as in Kestra). */
const OPEN = /^\/api\/v1\/(health$|(main\/)?executions\/webhook\/)/

/**
 * Builds the REST API over `deps` (store, running engine, registry). Subscribes to engine events for the metrics;
 * `close()` stops that subscription.
 *
 * @example
 * const api = await createRestApi({ store, engine, registry, config, verityVersion, log })
 * server.app.route('/', api.app)
 */
export async function createRestApi(deps: ApiDeps): Promise<{ app: Hono; close(): Promise<void> }> {
  const metrics = new EngineMetrics()
  const subscription = await deps.engine.events.subscribe((event) => metrics.observe(event))
  const tenant = new Hono()
  for (const group of [
    flowRoutes,
    executionRoutes,
    logRoutes,
    fileRoutes,
    webhookRoutes,
    kvRoutes,
    pluginRoutes,
  ]) {
    tenant.route('/', group(deps))
  }
  const app = new Hono()
  app.onError(apiErrorHandler(deps.log))
  app.use(
    '/api/v1/*',
    authMiddleware(deps.config.server.auth, (path) => OPEN.test(path)),
  )
  app.use(
    '/metrics',
    authMiddleware(deps.config.server.auth, () => false),
  )
  app.get('/api/v1/health', (context) => context.json({ status: 'ok', version: deps.verityVersion }))
  app.get('/api/v1/version', (context) => context.json({ version: deps.verityVersion }))
  app.get('/api/v1/me', (context) =>
    context.json({
      username: (context.get('user' as never) as string | undefined) ?? null,
      authEnabled: authEnabled(deps.config.server.auth),
    }),
  )
  const document = openApiDocument(deps.verityVersion)
  app.get('/api/v1/openapi.json', (context) => context.json(document))
  app.route('/', metricsRoutes(deps, metrics))
  app.route('/api/v1/main', tenant)
  app.route('/api/v1', tenant)
  return { app, close: () => subscription.stop() }
}
