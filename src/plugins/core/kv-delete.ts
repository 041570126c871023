import { z } from 'zod'
import { VerityError } from '../../errors.ts'
import { defineRunnableTask } from '../define.ts'

/** `io.kestra.plugin.core.kv.Delete`: removes a key; `outputs.<id>.deleted` says whether it existed. */
export const kvDeleteTask = defineRunnableTask({
  type: 'io.kestra.plugin.core.kv.Delete',
  title: 'Delete a key from the KV store.',
  props: z.object({
    key: z.string().min(1).describe('The key.'),
    namespace: z.string().optional().describe("The namespace; default: the flow's."),
    errorOnMissing: z.boolean().default(false).describe('Fail when the key is absent.'),
  }),
  outputs: z.object({ deleted: z.boolean() }),
  examples: [
    { title: 'Forget a value', code: 'id: forget\ntype: io.kestra.plugin.core.kv.Delete\nkey: last_result' },
  ],
  async run(ctx, props) {
    const deleted = await ctx.kv.delete(props.key, props.namespace)
    if (!deleted && props.errorOnMissing) {
      throw new VerityError(
        'KV_NOT_FOUND',
        `KV key '${props.key}' not found in namespace '${props.namespace ?? ctx.execution.namespace}'`,
      )
    }
    return { deleted }
  },
})
