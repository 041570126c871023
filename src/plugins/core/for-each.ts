import { z } from 'zod'
import { VerityError } from '../../errors.ts'
import { defineFlowableTask } from '../define.ts'
import { errorsAndFinally, errorsAndFinallyLists, taskListSchema } from './task-list.ts'

/** Most iterations one ForEach may plan (each becomes task runs in the store). */
export const MAX_FOR_EACH_VALUES = 100_000

/**
 * `io.kestra.plugin.core.flow.ForEach`: runs its tasks once per value, `concurrencyLimit` iterations at a time
 * (default 1; 0 = all at once). Inside, `taskrun.value` is the current value (objects as JSON) and outputs are
 * addressed as `outputs.<task>[<value>].<prop>`.
 */
export const forEachTask = defineFlowableTask({
  type: 'io.kestra.plugin.core.flow.ForEach',
  title: 'Run tasks for each value of a list.',
  props: z.object({
    values: z
      .union([z.string(), z.array(z.unknown())])
      .describe('The values: a list, or a JSON array as text (e.g. rendered from an output).'),
    tasks: taskListSchema('Tasks to run for each value.').min(1),
    concurrencyLimit: z.number().int().min(0).default(1).describe('Iterations at once; 0 means no limit.'),
    ...errorsAndFinally,
  }),
  taskLists: { tasks: 'list', ...errorsAndFinallyLists },
  examples: [
    {
      title: 'Greet three people, two at a time',
      code: 'id: each\ntype: io.kestra.plugin.core.flow.ForEach\nvalues: ["ana", "bo", "cy"]\nconcurrencyLimit: 2\ntasks:\n  - id: hi\n    type: io.kestra.plugin.core.log.Log\n    message: "hi {{ taskrun.value }}"',
    },
  ],
  async plan(_ctx, props) {
    const values = toList(props.values)
    if (values.length > MAX_FOR_EACH_VALUES) {
      throw new VerityError(
        'FOREACH_TOO_LARGE',
        `ForEach got ${values.length} values, more than ${MAX_FOR_EACH_VALUES}`,
      )
    }
    return {
      groups: values.map((value) => ({
        branch: 'tasks',
        value: typeof value === 'string' ? value : JSON.stringify(value),
        tasks: props.tasks,
      })),
      concurrency: props.concurrencyLimit,
    }
  },
})

function toList(values: string | unknown[]): unknown[] {
  if (Array.isArray(values)) return values
  let parsed: unknown
  try {
    parsed = JSON.parse(values)
  } catch {
    throw new VerityError(
      'FOREACH_VALUES',
      `ForEach values must be a list or a JSON array, got '${values.slice(0, 80)}'`,
    )
  }
  if (!Array.isArray(parsed)) {
    throw new VerityError(
      'FOREACH_VALUES',
      `ForEach values must be a JSON array, got '${values.slice(0, 80)}'`,
    )
  }
  return parsed
}
