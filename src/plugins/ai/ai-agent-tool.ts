import { jsonSchema, tool } from 'ai'
import { z } from 'zod'
import { defineComponent } from '../define.ts'
import { agentProps } from './agent.ts'
import { runAgent } from './agent-runner.ts'
import type { ToolImplementation } from './types.ts'

const props = agentProps.extend({
  name: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only')
    .default('tool')
    .describe('Agent name; the tool is `kestra_agent_<name>`. Give each agent tool of a task its own name.'),
  description: z
    .string()
    .min(1)
    .describe('What the agent does: the calling model reads it to decide when to call it.'),
})

type Props = z.output<typeof props>

const implementation: ToolImplementation<Props> = {
  async createTools(services, options) {
    const agentTool = tool({
      description: `Calls the AI agent "${options.name}": ${options.description}`,
      inputSchema: jsonSchema<{ prompt: string }>({
        type: 'object',
        properties: { prompt: { type: 'string', description: 'The message for the agent.' } },
        required: ['prompt'],
      }),
      async execute({ prompt }) {
        const outputs = await runAgent(services.ctx, {
          path: services.path,
          provider: options.provider,
          systemMessage: options.systemMessage,
          messages: [{ role: 'user', content: prompt }],
          configuration: options.configuration,
          tools: options.tools,
          maxSequentialToolsInvocations: options.maxSequentialToolsInvocations,
        })
        return outputs.textOutput ?? JSON.stringify(outputs.jsonOutput)
      },
    })
    return { tools: { [`kestra_agent_${options.name}`]: agentTool } }
  },
}

/**
 * `io.kestra.plugin.ai.tool.AIAgent`: another agent (its own provider, system message and tools) offered to the
 * model as a tool taking a prompt. Its LLM calls and tool calls are traced under the tool's path.
 */
export const aiAgentTool = defineComponent({
  type: 'io.kestra.plugin.ai.tool.AIAgent',
  title: 'Offer another AI agent to the model as a tool.',
  category: 'tool',
  props,
  implementation,
})
