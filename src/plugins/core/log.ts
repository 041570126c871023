import { z } from 'zod'
import { defineRunnableTask } from '../define.ts'

/** `io.kestra.plugin.core.log.Log`: writes one message (or several) to the execution's logs. */
export const logTask = defineRunnableTask({
  type: 'io.kestra.plugin.core.log.Log',
  aliases: ['io.kestra.core.tasks.log.Log'],
  title: 'Log a message in the task logs.',
  description: 'A list of messages logs each one as its own line.',
  props: z.object({
    message: z
      .union([z.string(), z.array(z.string())])
      .describe('The message(s) to log; templates are rendered.'),
    level: z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO').describe('The log level.'),
  }),
  examples: [
    {
      title: 'Log a greeting',
      code: 'id: hello\ntype: io.kestra.plugin.core.log.Log\nmessage: "Hello {{ inputs.name }}"',
    },
  ],
  async run(ctx, props) {
    const messages = Array.isArray(props.message) ? props.message : [props.message]
    for (const message of messages) ctx.logger.log(props.level, message)
    return {}
  },
})
