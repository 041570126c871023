import { z } from 'zod'
import { defineFlowableTask } from '../define.ts'
import { errorsAndFinally, errorsAndFinallyLists, taskListSchema } from './task-list.ts'

/** `io.kestra.plugin.core.flow.Parallel`: runs its tasks at the same time, `concurrent` at most (0 = all). */
export const parallelTask = defineFlowableTask({
  type: 'io.kestra.plugin.core.flow.Parallel',
  aliases: ['io.kestra.core.tasks.flows.Parallel'],
  title: 'Run tasks in parallel.',
  description: 'After a failure no new task starts; the running ones finish, then `errors` runs.',
  props: z.object({
    tasks: taskListSchema('The tasks to run in parallel.').min(1),
    concurrent: z.number().int().min(0).default(0).describe('How many tasks run at once; 0 means no limit.'),
    ...errorsAndFinally,
  }),
  taskLists: { tasks: 'list', ...errorsAndFinallyLists },
  examples: [
    {
      title: 'Two tasks at once',
      code: 'id: both\ntype: io.kestra.plugin.core.flow.Parallel\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1S\n  - id: b\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1S',
    },
  ],
  async plan(_ctx, props) {
    return {
      groups: props.tasks.map((task) => ({ branch: 'tasks', tasks: [task] })),
      concurrency: props.concurrent,
    }
  },
})
