import { z } from 'zod'

/** `sandbox:` section of verity.yaml. Owned by the sandbox area; see src/sandbox. */
export const sandboxConfigSchema = z
  .object({
    /**
     * `bubblewrap` (default) isolates untrusted code. `none` runs it as a plain child process: ONLY for trusted
     * local development, and loudly labelled as such everywhere.
     */
    isolation: z.enum(['bubblewrap', 'none']).default('bubblewrap'),
  })
  .loose()

export type SandboxConfig = z.output<typeof sandboxConfigSchema>
