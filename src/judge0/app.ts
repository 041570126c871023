import { Hono } from 'hono'
import { authenticate } from './auth.ts'
import { infoRoutes } from './routes/info.ts'
import { submissionRoutes } from './routes/submissions.ts'
import type { Judge0Service } from './service.ts'

/**
 * The Judge0 CE–compatible HTTP API as a Hono app, to mount under a prefix (the server mounts it at `/judge0`,
 * so a client's base URL is `http://HOST:PORT/judge0`).
 */
export function createJudge0App(service: Judge0Service, options: { verityVersion: string }): Hono {
  const app = new Hono()
  app.use('*', authenticate(service.config))
  app.route('/submissions', submissionRoutes(service))
  app.route('/', infoRoutes(service, options.verityVersion))
  return app
}
