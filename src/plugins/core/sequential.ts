import { z } from 'zod'
import { defineFlowableTask } from '../define.ts'
import { errorsAndFinally, errorsAndFinallyLists, taskListSchema } from './task-list.ts'

/** `io.kestra.plugin.core.flow.Sequential`: runs its tasks one after the other. */
export const sequentialTask = defineFlowableTask({
  type: 'io.kestra.plugin.core.flow.Sequential',
  aliases: ['io.kestra.core.tasks.flows.Sequential'],
  title: 'Run tasks sequentially.',
  props: z.object({ tasks: taskListSchema('The tasks to run in order.').min(1), ...errorsAndFinally }),
  taskLists: { tasks: 'list', ...errorsAndFinallyLists },
  examples: [
    {
      title: 'Group two tasks',
      code: 'id: group\ntype: io.kestra.plugin.core.flow.Sequential\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: a\n  - id: b\n    type: io.kestra.plugin.core.log.Log\n    message: b',
    },
  ],
  async plan(_ctx, props) {
    return { groups: [{ branch: 'tasks', tasks: props.tasks }], concurrency: 1 }
  },
})
