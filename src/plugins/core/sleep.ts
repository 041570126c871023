import { setTimeout as delay } from 'node:timers/promises'
import { z } from 'zod'
import { durationMs } from '../../engine/index.ts'
import { defineRunnableTask } from '../define.ts'

/** `io.kestra.plugin.core.flow.Sleep`: waits for a duration; a kill or a timeout ends the wait at once. */
export const sleepTask = defineRunnableTask({
  type: 'io.kestra.plugin.core.flow.Sleep',
  aliases: ['io.kestra.core.tasks.flows.Sleep'],
  title: 'Pause the flow for a duration.',
  props: z.object({ duration: z.string().describe('ISO-8601 duration, e.g. PT5S.') }),
  examples: [
    { title: 'Wait five seconds', code: 'id: wait\ntype: io.kestra.plugin.core.flow.Sleep\nduration: PT5S' },
  ],
  async run(ctx, props) {
    await delay(durationMs(props.duration, 'duration'), undefined, { signal: ctx.signal })
    return {}
  },
})
