import { z } from 'zod'
import { defineFlowableTask } from '../define.ts'
import { errorsAndFinally, errorsAndFinallyLists, taskListSchema } from './task-list.ts'

/**
 * `io.kestra.plugin.core.flow.If`: runs `then` when the condition renders true, `else` otherwise. The branch taken
 * is recorded in the plan, so a restart cannot change it.
 */
export const ifTask = defineFlowableTask({
  type: 'io.kestra.plugin.core.flow.If',
  aliases: ['io.kestra.core.tasks.flows.If'],
  title: 'Run tasks when a condition is true, others otherwise.',
  props: z.object({
    condition: z
      .union([z.string(), z.boolean(), z.number()])
      .describe('Truthy when it renders true, a non-zero number or a non-empty string other than "false".'),
    // biome-ignore lint/suspicious/noThenProperty: Kestra's If names its branch `then`
    then: taskListSchema('Tasks to run when the condition is true.').min(1),
    else: taskListSchema('Tasks to run when the condition is false.').optional(),
    ...errorsAndFinally,
  }),
  // biome-ignore lint/suspicious/noThenProperty: Kestra's If names its branch `then`
  taskLists: { then: 'list', else: 'list', ...errorsAndFinallyLists },
  examples: [
    {
      title: 'Branch on an input',
      code: 'id: check\ntype: io.kestra.plugin.core.flow.If\ncondition: "{{ inputs.enabled }}"\nthen:\n  - id: yes\n    type: io.kestra.plugin.core.log.Log\n    message: enabled',
    },
  ],
  async plan(_ctx, props) {
    const result = isTrue(props.condition)
    const tasks = result ? props.then : (props.else ?? [])
    const groups = tasks.length > 0 ? [{ branch: result ? 'then' : 'else', tasks }] : []
    return { groups, concurrency: 1, outputs: { evaluationResult: result } }
  },
})

function isTrue(value: string | boolean | number): boolean {
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value !== 0
  return !['', 'false', '0', 'null'].includes(value.trim().toLowerCase())
}
