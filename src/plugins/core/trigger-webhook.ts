import { z } from 'zod'
import { defineComponent } from '../define.ts'

/** The webhook trigger's settings, read by the REST API's webhook route. */
export const webhookTriggerProps = z.object({
  key: z
    .string()
    .min(1)
    .regex(/^[A-Za-z0-9._~-]+$/, 'a key is URL-safe: letters, digits, . _ ~ -')
    .describe(
      'The secret part of the webhook URL: `/api/v1/main/executions/webhook/{namespace}/{flowId}/{key}`.',
    ),
  wait: z
    .boolean()
    .default(false)
    .describe('Answer only once the execution ended (with its state), instead of as soon as it started.'),
  returnOutputs: z
    .boolean()
    .default(false)
    .describe('With `wait`, answer with the flow outputs instead of the execution.'),
})

/**
 * `io.kestra.plugin.core.trigger.Webhook`: starts an execution when
 * `GET|POST|PUT /api/v1/main/executions/webhook/{namespace}/{flowId}/{key}` is called. The execution sees
 * `trigger.body` (JSON when the body parses as JSON, else the text), `trigger.headers` and `trigger.parameters`.
 */
export const webhookTrigger = defineComponent({
  type: 'io.kestra.plugin.core.trigger.Webhook',
  aliases: ['io.kestra.core.models.triggers.types.Webhook'],
  category: 'trigger',
  title: 'Start an execution from an HTTP call to the flow’s webhook URL.',
  description:
    'The URL is `/api/v1/main/executions/webhook/{namespace}/{flowId}/{key}` (GET, POST or PUT). The request is ' +
    'available to the flow as `trigger.body`, `trigger.headers` (lower-case names, lists of values) and ' +
    '`trigger.parameters` (query parameters, lists of values).',
  props: webhookTriggerProps,
  implementation: {},
  examples: [
    {
      title: 'Log what was posted',
      code:
        'id: hook\nnamespace: company.team\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n' +
        '    message: "{{ trigger.body }}"\ntriggers:\n  - id: webhook\n    type: io.kestra.plugin.core.trigger.Webhook\n' +
        '    key: 4wjtkzwVGBM9yKnjm3yv8r',
    },
  ],
})
