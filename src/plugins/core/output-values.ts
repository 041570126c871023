import { z } from 'zod'
import { defineRunnableTask } from '../define.ts'

/** `io.kestra.plugin.core.output.OutputValues`: exposes rendered values as `outputs.<id>.values.<key>`. */
export const outputValuesTask = defineRunnableTask({
  type: 'io.kestra.plugin.core.output.OutputValues',
  aliases: ['io.kestra.core.tasks.outputs.OutputValues'],
  title: 'Output one or more values.',
  props: z.object({
    values: z
      .record(z.string(), z.unknown())
      .default({})
      .describe('The values to output; templates are rendered.'),
  }),
  outputs: z.object({ values: z.record(z.string(), z.unknown()) }),
  examples: [
    {
      title: 'Output two values',
      code: 'id: out\ntype: io.kestra.plugin.core.output.OutputValues\nvalues:\n  total: "{{ inputs.a + inputs.b }}"\n  name: verity',
    },
  ],
  async run(_ctx, props) {
    return { values: props.values }
  },
})
