import { availableParallelism } from 'node:os'
import { z } from 'zod'

const limitsSchema = z
  .object({
    cpuTime: z.number().positive(),
    wallTime: z.number().positive(),
    memory: z.number().int().positive(),
    stack: z.number().int().positive(),
    processes: z.number().int().positive(),
    fileSize: z.number().int().positive(),
    outputSize: z.number().int().positive(),
  })
  .partial()

/** `sandbox:` section of verity.yaml. Owned by the sandbox area; see src/sandbox. */
export const sandboxConfigSchema = z
  .object({
    /**
     * `bubblewrap` (default) isolates untrusted code. `none` runs it as a plain child process: ONLY for trusted
     * local development, and loudly labelled as such everywhere.
     */
    isolation: z.enum(['bubblewrap', 'none']).default('bubblewrap'),
    /** Runs at the same time (default: number of cores). */
    concurrency: z.number().int().positive().optional(),
    /** Requests waiting for a slot; beyond this `execute` refuses with SandboxBusyError. */
    queueSize: z.number().int().nonnegative().default(64),
    /** Pre-started single-use sandboxes kept ready per language (0 = start each on demand). */
    prestart: z.number().int().nonnegative().default(2),
    /** Defaults for a run's limits (a request may lower or raise them up to `maxLimits`). */
    limits: limitsSchema.default({}),
    /** Defaults for the compile step. */
    compileLimits: limitsSchema.default({}),
    /** Ceilings no request can exceed. */
    maxLimits: limitsSchema.default({}),
    /** Size of the fresh working directory tmpfs, KB (also caps the input files). */
    workdirSize: z.number().int().positive().default(65536),
    /** Size of the fresh /tmp and /dev/shm tmpfs, KB each. */
    tmpSize: z.number().int().positive().default(65536),
    /** Input files per request, at most. */
    maxFiles: z.number().int().positive().default(256),
    /** Output files brought back: count, bytes per file, bytes in all. */
    outputFiles: z
      .object({
        maxFiles: z.number().int().positive().default(32),
        maxFileSize: z
          .number()
          .int()
          .positive()
          .default(4 * 1024 * 1024),
        maxTotalSize: z
          .number()
          .int()
          .positive()
          .default(16 * 1024 * 1024),
      })
      .default({ maxFiles: 32, maxFileSize: 4 * 1024 * 1024, maxTotalSize: 16 * 1024 * 1024 }),
    /** The bubblewrap binary. */
    bwrap: z.string().default('bwrap'),
  })
  .loose()

export type SandboxConfig = z.output<typeof sandboxConfigSchema>

/** Concurrency used when the config leaves it out: one run per core. */
export function defaultConcurrency(): number {
  return availableParallelism()
}
