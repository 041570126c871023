import { z } from 'zod'
import type { TaskDefinition } from '../../flow/types.ts'

/**
 * Schemas shared by the flowable core tasks: a list of child tasks (validated task by task by the flow validator,
 * which walks `taskLists`), and the `errors`/`finally` lists every flowable task accepts, run by the engine.
 */
export const taskListSchema = (description: string) =>
  z
    .array(z.custom<TaskDefinition>((value) => typeof value === 'object' && value !== null))
    .describe(description)

export const errorsAndFinally = {
  errors: taskListSchema('Tasks to run when a child task failed.').optional(),
  finally: taskListSchema('Tasks to run at the end, whatever happened.').optional(),
}

export const errorsAndFinallyLists = { errors: 'list', finally: 'list' } as const
