import { z } from 'zod'
import { pluginDefaultSchema } from '../flow/language-schema.ts'
import { judge0ConfigSchema } from './judge0.ts'
import { sandboxConfigSchema } from './sandbox.ts'
import { serverConfigSchema } from './server.ts'
import { queueConfigSchema, storeConfigSchema } from './store.ts'

/**
 * Sections of `verity.yaml` owned by other areas, each a zod object whose fields all have defaults.
 * Adding a section is one line here.
 */
export const configSections = {
  sandbox: sandboxConfigSchema,
  server: serverConfigSchema,
  store: storeConfigSchema,
  queue: queueConfigSchema,
  judge0: judge0ConfigSchema,
}

type Sections = typeof configSections

// `prefault({})` runs the section's own defaults when the section is absent from the file.
const sectionFields = Object.fromEntries(
  Object.entries(configSections).map(([name, schema]) => [name, (schema as z.ZodObject).prefault({})]),
) as { [K in keyof Sections]: z.ZodPrefault<Sections[K]> }

/** The whole of `verity.yaml`, as written (paths not yet resolved). */
export const verityConfigSchema = z
  .object({
    dataDir: z
      .string()
      .min(1)
      .default('./.verity')
      .describe(
        'Where executions, logs and files are stored (relative to the config file). $VERITY_HOME wins.',
      ),
    flowsDir: z.string().min(1).optional().describe('Directory of flows, used to resolve Subflow calls.'),
    pluginDefaults: z
      .array(pluginDefaultSchema)
      .default([])
      .describe('Defaults applied to every flow, under the flow’s own (forced ones override them).'),
    ...sectionFields,
  })
  .strict()

/** The loaded configuration: defaults filled in, `dataDir` and `flowsDir` absolute. */
export type VerityConfig = z.output<typeof verityConfigSchema> & {
  /** The file it was read from; undefined when built from defaults alone. */
  file?: string
}
