/**
 * The HTTP server's public face. `createServer` builds the app (health, Judge0 API at `/judge0`, error mapping)
 * and owns listening and graceful shutdown; other areas mount their route groups on `server.app`.
 */

export { errorHandler, notFound } from './errors.ts'
export { createServer, type Server, type ServerOptions } from './server.ts'
