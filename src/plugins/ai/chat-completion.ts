import type { ModelMessage } from 'ai'
import { z } from 'zod'
import { componentRef, defineRunnableTask } from '../define.ts'
import { agentOutputsSchema } from './agent-outputs.ts'
import { runAgent } from './agent-runner.ts'
import { configurationSchema } from './configuration.ts'
import { AiConfigurationError } from './errors.ts'

const chatMessageSchema = z.object({
  type: z.enum(['SYSTEM', 'USER', 'AI']).describe('Who says it: SYSTEM instructions, the USER, or the AI.'),
  content: z.string().describe('The message text.'),
})

/** Kestra's chat messages as AI SDK messages: SYSTEM messages become the system prompt. */
function toModelMessages(messages: z.output<typeof chatMessageSchema>[]) {
  const system = messages
    .filter((message) => message.type === 'SYSTEM')
    .map((message) => message.content)
    .join('\n\n')
  const conversation: ModelMessage[] = messages
    .filter((message) => message.type !== 'SYSTEM')
    .map((message) =>
      message.type === 'USER'
        ? { role: 'user', content: message.content }
        : { role: 'assistant', content: message.content },
    )
  return { system: system || undefined, conversation }
}

/** `io.kestra.plugin.ai.completion.ChatCompletion`: answers a conversation given as messages. */
export const chatCompletion = defineRunnableTask({
  type: 'io.kestra.plugin.ai.completion.ChatCompletion',
  title: 'Complete a chat conversation (SYSTEM / USER / AI messages) with an LLM, optionally with tools.',
  props: z.object({
    messages: z
      .array(chatMessageSchema)
      .min(1)
      .describe('The conversation, oldest first; it must include a USER message.'),
    provider: componentRef('provider', 'The language model provider.'),
    configuration: configurationSchema,
    tools: z.array(componentRef('tool', 'Tools the model may call.')).optional(),
  }),
  rawProps: ['provider', 'tools'],
  outputs: agentOutputsSchema,
  async run(ctx, props) {
    const { system, conversation } = toModelMessages(props.messages)
    if (!conversation.some((message) => message.role === 'user')) {
      throw new AiConfigurationError(`${ctx.taskRun.taskId}.messages: at least one USER message is required`)
    }
    return runAgent(ctx, {
      path: '',
      provider: props.provider,
      systemMessage: system,
      messages: conversation,
      configuration: props.configuration,
      tools: props.tools,
    })
  },
})
