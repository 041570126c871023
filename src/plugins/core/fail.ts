import { z } from 'zod'
import { VerityError } from '../../errors.ts'
import { defineRunnableTask } from '../define.ts'

/** `io.kestra.plugin.core.execution.Fail`: fails the task (and so the execution), optionally on a condition. */
export const failTask = defineRunnableTask({
  type: 'io.kestra.plugin.core.execution.Fail',
  aliases: ['io.kestra.core.tasks.executions.Fail'],
  title: 'Fail the execution, optionally when a condition is true.',
  props: z.object({
    condition: z
      .union([z.string(), z.boolean()])
      .optional()
      .describe('Fails only when this renders true; without it the task always fails.'),
    errorMessage: z.string().default('Task failure').describe('The error message.'),
  }),
  examples: [
    {
      title: 'Fail on a bad input',
      code: 'id: check\ntype: io.kestra.plugin.core.execution.Fail\ncondition: "{{ inputs.count < 0 }}"\nerrorMessage: "count must be positive"',
    },
  ],
  async run(_ctx, props) {
    const condition = props.condition
    const fails =
      condition === undefined || condition === true || String(condition).trim().toLowerCase() === 'true'
    if (fails) throw new VerityError('TASK_FAILED', props.errorMessage)
    return {}
  },
})
