import { z } from 'zod'

/**
 * One basic-auth user. `password` is a hash made by `node:crypto` scrypt, written
 * `scrypt$<salt base64>$<hash base64>` (see src/server/api/auth.ts `hashPassword`); never a plain password.
 */
const userSchema = z
  .object({
    username: z.string().min(1),
    password: z
      .string()
      .regex(/^scrypt\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'expected a scrypt hash: scrypt$<salt>$<hash>'),
  })
  .strict()

/** `server.auth`: off unless users or tokens are listed. */
const authSchema = z
  .object({
    /** Basic-auth users (`Authorization: Basic …`). */
    users: z.array(userSchema).default([]),
    /** Bearer tokens (`Authorization: Bearer <token>`), e.g. for CI jobs. */
    tokens: z.array(z.string().min(16, 'a bearer token needs at least 16 characters')).default([]),
  })
  .strict()

/** What one server process does; all three by default (embedded mode). */
export const SERVER_ROLES = ['api', 'executor', 'worker'] as const
export type ServerRole = (typeof SERVER_ROLES)[number]

/** `server:` section of verity.yaml. Owned by the server area; see src/server. */
export const serverConfigSchema = z
  .object({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8080),
    /** Seconds a graceful shutdown waits for running work before re-queueing it and exiting. */
    shutdownTimeout: z.number().positive().default(30),
    /** REST API authentication; off when no user or token is configured. */
    auth: authSchema.prefault({}),
    /** Load `examples/*.yaml` into the store when it holds no flow yet (the quickstart's first start). */
    seedExamples: z.boolean().default(true),
    /**
     * `api`: the REST API, web UI and Judge0 API; `executor`: decides what runs next (one at a time across
     * processes, the others stand by); `worker`: runs task runs and Judge0 submissions. Only some of them needs
     * the shared PostgreSQL store and queue.
     */
    roles: z
      .array(z.enum(SERVER_ROLES))
      .min(1)
      .default([...SERVER_ROLES]),
  })
  .loose()

export type ServerConfig = z.output<typeof serverConfigSchema>
export type AuthConfig = ServerConfig['auth']
