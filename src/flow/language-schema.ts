import { z } from 'zod'
import { isDuration } from './duration.ts'

/**
 * Zod schemas of the flow language itself (everything that is not a plugin's own properties). They describe the
 * authored YAML; plugin schemas are assembled around them from the registry (see `validate-tree.ts`).
 */

/** Kestra's patterns and lengths. */
export const FLOW_ID_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/
export const NAMESPACE_PATTERN = /^[a-z0-9][a-z0-9._-]*$/
export const TASK_ID_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/
export const INPUT_ID_PATTERN = /^[a-zA-Z0-9][.a-zA-Z0-9_-]*$/

const patterned = (pattern: RegExp, max: number, what: string) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(pattern, { message: `must match ${pattern.source} (${what})` })

export const flowIdSchema = patterned(FLOW_ID_PATTERN, 100, 'letters, digits, . _ -').describe(
  'Flow identifier, unique within its namespace.',
)
export const namespaceSchema = patterned(
  NAMESPACE_PATTERN,
  150,
  'lower-case letters, digits, . _ -',
).describe('Dot-separated namespace, e.g. `company.team`.')
export const taskIdSchema = patterned(TASK_ID_PATTERN, 100, 'letters, digits, _ -').describe(
  'Task identifier, unique within the flow.',
)

export const durationSchema = z
  .string()
  .refine(isDuration, { message: 'must be an ISO-8601 duration such as PT30S, PT5M or P1D' })
  .describe('ISO-8601 duration, e.g. `PT30S`.')

const REQUIRED_RETRY_FIELDS = {
  constant: ['interval'],
  exponential: ['interval', 'maxInterval'],
  random: ['minInterval', 'maxInterval'],
} as const

export const retrySchema = z
  .object({
    type: z.enum(['constant', 'exponential', 'random']).describe('How the interval between attempts grows.'),
    maxAttempt: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Maximum number of attempts (first one included).'),
    interval: durationSchema
      .optional()
      .describe('Wait between attempts (constant; first wait for exponential).'),
    minInterval: durationSchema.optional().describe('Smallest random wait (random).'),
    maxInterval: durationSchema.optional().describe('Largest wait (exponential, random).'),
    delayFactor: z
      .number()
      .positive()
      .optional()
      .describe('Multiplier of the wait per attempt (exponential).'),
    maxDuration: durationSchema.optional().describe('Stop retrying once this much time has passed.'),
    warningOnRetry: z
      .boolean()
      .optional()
      .describe('End in WARNING instead of SUCCESS when a retry was needed.'),
    behavior: z.enum(['RETRY_FAILED_TASK', 'CREATE_NEW_EXECUTION']).optional(),
  })
  .strict()
  .superRefine((retry, context) => {
    const needed: Array<keyof typeof retry> = [...REQUIRED_RETRY_FIELDS[retry.type]]
    if (retry.maxDuration === undefined) needed.push('maxAttempt')
    for (const field of needed) {
      if (retry[field] === undefined) {
        context.addIssue({
          code: 'custom',
          path: [field],
          message: `required for retry type '${retry.type}'`,
        })
      }
    }
  })
  .describe('Retry policy of the task.')

/** Properties every task has; the engine handles them once for all plugins. */
export const taskCommonSchema = z.object({
  id: taskIdSchema,
  type: z.string().min(1).describe('Plugin type, e.g. `io.kestra.plugin.core.log.Log`.'),
  description: z.string().optional().describe('Free text (Markdown).'),
  disabled: z.boolean().optional().describe('Skip the task entirely.'),
  runIf: z.string().optional().describe('Expression; the task is SKIPPED when it renders false.'),
  timeout: durationSchema.optional().describe('Stop the task and fail it after this ISO-8601 duration.'),
  retry: retrySchema.optional(),
  allowFailure: z.boolean().optional().describe('A failure ends the task in WARNING and the flow continues.'),
  allowWarning: z.boolean().optional().describe('A warning ends the task in SUCCESS.'),
  logLevel: z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']).optional().describe('Minimum level logged.'),
  workerGroup: z
    .object({ key: z.string() })
    .loose()
    .optional()
    .describe('Accepted for Kestra compatibility.'),
})

/** Properties every trigger has. */
export const triggerCommonSchema = z.object({
  id: taskIdSchema,
  type: z.string().min(1),
  description: z.string().optional(),
  disabled: z.boolean().optional(),
  conditions: z.array(z.looseObject({ type: z.string() })).optional(),
  stopAfter: z.array(z.string()).optional(),
})

export const pluginDefaultSchema = z
  .object({
    type: z.string().min(1).describe('Type prefix: `io.kestra.plugin.ai` matches every AI plugin.'),
    values: z.record(z.string(), z.unknown()).describe('Property values to apply.'),
    forced: z.boolean().default(false).describe("When true, the values override the object's own."),
  })
  .strict()

const labelValue = z.union([z.string(), z.number(), z.boolean()])
export const labelsSchema = z
  .union([
    z.record(z.string(), labelValue),
    z.array(z.object({ key: z.string().min(1), value: labelValue }).strict()),
  ])
  .describe('Labels: a map, or a list of `{key, value}`.')

export const concurrencySchema = z
  .object({
    limit: z.number().int().min(1).describe('How many executions of this flow may run at once.'),
    behavior: z
      .enum(['QUEUE', 'CANCEL', 'FAIL'])
      .default('QUEUE')
      .describe('What happens to one over the limit.'),
  })
  .strict()

/** Top-level keys of a flow, besides the task lists and triggers (walked with the registry). */
export const flowHeadSchema = z.object({
  id: flowIdSchema,
  namespace: namespaceSchema,
  revision: z.number().int().optional(),
  description: z.string().optional(),
  labels: labelsSchema.optional(),
  variables: z.record(z.string(), z.unknown()).optional().describe('Values available as `vars.<name>`.'),
  pluginDefaults: z.array(pluginDefaultSchema).optional(),
  disabled: z.boolean().optional().describe('A disabled flow cannot be executed.'),
  concurrency: concurrencySchema.optional(),
})

/** Keys a flow may have at the top level. */
export const FLOW_KEYS = [
  ...Object.keys(flowHeadSchema.shape),
  'inputs',
  'outputs',
  'tasks',
  'errors',
  'finally',
  'triggers',
]
