import { z } from 'zod'
import { defineFlowableTask } from '../define.ts'
import { errorsAndFinally, errorsAndFinallyLists, taskListSchema } from './task-list.ts'

/** `io.kestra.plugin.core.flow.Switch`: runs the case matching the rendered value, or `defaults`. */
export const switchTask = defineFlowableTask({
  type: 'io.kestra.plugin.core.flow.Switch',
  aliases: ['io.kestra.core.tasks.flows.Switch'],
  title: 'Run the tasks of the case matching a value.',
  props: z.object({
    value: z.string().describe('The value to match against the case names.'),
    cases: z
      .record(z.string(), taskListSchema('Tasks of the case.'))
      .default({})
      .describe('Case name → tasks.'),
    defaults: taskListSchema('Tasks to run when no case matches.').optional(),
    ...errorsAndFinally,
  }),
  taskLists: { cases: 'map', defaults: 'list', ...errorsAndFinallyLists },
  examples: [
    {
      title: 'Pick by environment',
      code: 'id: route\ntype: io.kestra.plugin.core.flow.Switch\nvalue: "{{ inputs.env }}"\ncases:\n  prod:\n    - id: deploy\n      type: io.kestra.plugin.core.log.Log\n      message: deploying\ndefaults:\n  - id: skip\n    type: io.kestra.plugin.core.log.Log\n    message: nothing to do',
    },
  ],
  async plan(_ctx, props) {
    const matched = Object.hasOwn(props.cases, props.value)
    const tasks = matched ? props.cases[props.value] : (props.defaults ?? [])
    const branch = matched ? `cases.${props.value}` : 'defaults'
    return {
      groups: tasks.length > 0 ? [{ branch, tasks }] : [],
      concurrency: 1,
      outputs: { value: props.value, defaults: !matched },
    }
  },
})
