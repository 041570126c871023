import { z } from 'zod'
import { VerityError } from '../../errors.ts'
import { defineRunnableTask } from '../define.ts'

/** `io.kestra.plugin.core.kv.Get`: reads a KV value into `outputs.<id>.value`. */
export const kvGetTask = defineRunnableTask({
  type: 'io.kestra.plugin.core.kv.Get',
  title: 'Get the value of a key from the KV store.',
  props: z.object({
    key: z.string().min(1).describe('The key.'),
    namespace: z.string().optional().describe("The namespace; default: the flow's."),
    errorOnMissing: z
      .boolean()
      .default(false)
      .describe('Fail when the key is absent (else the value is null).'),
  }),
  outputs: z.object({ value: z.unknown() }),
  examples: [
    { title: 'Read a value', code: 'id: read\ntype: io.kestra.plugin.core.kv.Get\nkey: last_result' },
  ],
  async run(ctx, props) {
    const entry = await ctx.kv.get(props.key, props.namespace)
    if (!entry && props.errorOnMissing) {
      throw new VerityError(
        'KV_NOT_FOUND',
        `KV key '${props.key}' not found in namespace '${props.namespace ?? ctx.execution.namespace}'`,
      )
    }
    return { value: entry?.value ?? null }
  },
})
