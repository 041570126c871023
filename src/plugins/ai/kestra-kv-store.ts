import type { ModelMessage } from 'ai'
import { z } from 'zod'
import { defineComponent } from '../define.ts'
import { AiConfigurationError } from './errors.ts'
import { memoryWindow } from './memory-window.ts'
import type { MemoryImplementation } from './types.ts'

const props = z.object({
  memoryId: z
    .string()
    .min(1)
    .optional()
    .describe('KV key of the conversation; runs sharing it share the memory. Default: the execution id.'),
  messages: z
    .number()
    .int()
    .positive()
    .default(10)
    .describe('How many messages are kept (oldest dropped first).'),
  ttl: z
    .string()
    .regex(/^P/, 'an ISO-8601 duration such as PT1H')
    .default('PT1H')
    .describe('How long the memory lives after its last use (ISO-8601 duration).'),
  drop: z
    .enum(['NEVER', 'BEFORE_TASKRUN', 'AFTER_TASKRUN'])
    .default('NEVER')
    .describe('Erase the memory before the task runs, after it, or never (until `ttl`).'),
})

type Props = z.output<typeof props>

const implementation: MemoryImplementation<Props> = {
  async open(ctx, options) {
    const key = options.memoryId ?? ctx.execution.id
    if (options.drop === 'BEFORE_TASKRUN') await ctx.kv.delete(key)
    const entry = await ctx.kv.get(key)
    const stored = entry?.value ?? []
    if (!Array.isArray(stored)) {
      throw new AiConfigurationError(
        `memory: KV entry "${key}" exists but is not a conversation (memoryId clash?)`,
      )
    }
    return {
      messages: memoryWindow(stored as ModelMessage[], options.messages),
      async save(conversation) {
        if (options.drop === 'AFTER_TASKRUN') {
          await ctx.kv.delete(key)
          return
        }
        await ctx.kv.set(key, memoryWindow(conversation, options.messages), { ttl: options.ttl })
      },
    }
  },
}

/**
 * `io.kestra.plugin.ai.memory.KestraKVStore`: keeps the conversation (tool calls with their results) in the
 * namespace KV store, so later tasks or executions sharing a `memoryId` continue it.
 */
export const kestraKVStore = defineComponent({
  type: 'io.kestra.plugin.ai.memory.KestraKVStore',
  aliases: [
    'io.kestra.plugin.ai.memory.KestraKVMemory',
    'io.kestra.plugin.langchain4j.memory.KestraKVMemory',
  ],
  title: 'Keep the conversation in the KV store, so later runs continue it.',
  category: 'memory',
  props,
  implementation,
})
