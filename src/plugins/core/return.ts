import { z } from 'zod'
import { defineRunnableTask } from '../define.ts'

/** `io.kestra.plugin.core.debug.Return`: renders `format` and returns it as `outputs.<id>.value`. */
export const returnTask = defineRunnableTask({
  type: 'io.kestra.plugin.core.debug.Return',
  aliases: ['io.kestra.core.tasks.debugs.Return'],
  title: 'Return a value for debugging purposes.',
  props: z.object({ format: z.string().optional().describe('The templated string to render.') }),
  outputs: z.object({ value: z.string().optional().describe('The rendered string.') }),
  examples: [
    {
      title: 'Return a rendered value',
      code: 'id: greet\ntype: io.kestra.plugin.core.debug.Return\nformat: "{{ flow.id }} ran at {{ execution.startDate }}"',
    },
  ],
  async run(_ctx, props) {
    return props.format === undefined ? {} : { value: props.format }
  },
})
