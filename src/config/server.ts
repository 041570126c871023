import { z } from 'zod'

/** `server:` section of verity.yaml. Owned by the server area; see src/server. */
export const serverConfigSchema = z
  .object({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8080),
    /** Seconds a graceful shutdown waits for running work before re-queueing it and exiting. */
    shutdownTimeout: z.number().positive().default(30),
  })
  .loose()

export type ServerConfig = z.output<typeof serverConfigSchema>
