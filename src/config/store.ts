import { z } from 'zod'

/** `store:` and `queue:` sections of verity.yaml: embedded (SQLite, in-process) by default. */
export const storeConfigSchema = z
  .object({
    type: z.enum(['sqlite', 'postgres']).default('sqlite'),
    /** PostgreSQL connection string, for `type: postgres`. */
    url: z.string().optional(),
    /** PostgreSQL schema holding Verity's tables (created when missing); default `public`. */
    schema: z.string().optional(),
    /** Largest file an execution may store, in bytes; default 256 MiB. */
    maxFileSize: z.number().int().positive().optional(),
  })
  .loose()

export const queueConfigSchema = z
  .object({
    type: z.enum(['memory', 'postgres']).default('memory'),
    url: z.string().optional(),
    /** PostgreSQL schema holding the job table (created when missing); default `public`. */
    schema: z.string().optional(),
  })
  .loose()

export type StoreConfig = z.output<typeof storeConfigSchema>
export type QueueConfig = z.output<typeof queueConfigSchema>
