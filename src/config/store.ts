import { z } from 'zod'

/** `store:` and `queue:` sections of verity.yaml: embedded (SQLite, in-process) by default. */
export const storeConfigSchema = z
  .object({
    type: z.enum(['sqlite', 'postgres']).default('sqlite'),
    /** PostgreSQL connection string, for `type: postgres`. */
    url: z.string().optional(),
  })
  .loose()

export const queueConfigSchema = z
  .object({
    type: z.enum(['memory', 'postgres']).default('memory'),
    url: z.string().optional(),
  })
  .loose()

export type StoreConfig = z.output<typeof storeConfigSchema>
export type QueueConfig = z.output<typeof queueConfigSchema>
