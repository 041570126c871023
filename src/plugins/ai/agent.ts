import { z } from 'zod'
import { componentRef, defineRunnableTask } from '../define.ts'
import { agentOutputsSchema } from './agent-outputs.ts'
import { runAgent } from './agent-runner.ts'
import { configurationSchema } from './configuration.ts'

/** The properties an agent has, whether it runs as a task or as another agent's tool. */
export const agentProps = z.object({
  systemMessage: z.string().optional().describe('The system message: instructions the model follows.'),
  provider: componentRef(
    'provider',
    'The language model provider, e.g. `io.kestra.plugin.ai.provider.GoogleGemini`.',
  ),
  configuration: configurationSchema,
  tools: z
    .array(componentRef('tool', 'Tools the model may call: CodeExecution, KestraFlow, AIAgent, MCP clients…'))
    .optional(),
  maxSequentialToolsInvocations: z
    .number()
    .int()
    .positive()
    .optional()
    .describe(
      'How many LLM responses in a row may call tools (default unlimited); then the model must answer.',
    ),
})

/** `io.kestra.plugin.ai.agent.AIAgent`: an LLM with tools and memory, answering a prompt. */
export const aiAgent = defineRunnableTask({
  type: 'io.kestra.plugin.ai.agent.AIAgent',
  title: 'Run an AI agent: an LLM that may call tools (code execution, flows, other agents, MCP servers).',
  description:
    'Outputs `textOutput` (or `jsonOutput` with `configuration.responseFormat.type: JSON`), `tokenUsage`, ' +
    '`finishReason`, `toolExecutions`, `intermediateResponses` and `requestDuration`. Every LLM call and tool call ' +
    'is recorded as a trace event of the task run (`verity executions show`).',
  examples: [
    {
      title: 'Compute exactly: the model writes code, the sandbox runs it.',
      code: [
        'id: agent',
        'type: io.kestra.plugin.ai.agent.AIAgent',
        'provider:',
        '  type: io.kestra.plugin.ai.provider.GoogleGemini',
        '  apiKey: "{{ kv(\'GEMINI_API_KEY\') }}"',
        '  modelName: gemini-2.5-flash',
        'prompt: What is the square root of 1764?',
        'tools:',
        '  - type: io.kestra.plugin.ai.tool.CodeExecution',
      ].join('\n'),
    },
  ],
  props: agentProps.extend({
    prompt: z.string().min(1).describe('The user message.'),
    memory: componentRef(
      'memory',
      'Conversation memory kept across runs, e.g. `io.kestra.plugin.ai.memory.KestraKVStore`.',
    ).optional(),
  }),
  rawProps: ['provider', 'tools', 'memory'],
  outputs: agentOutputsSchema,
  async run(ctx, props) {
    return runAgent(ctx, {
      path: '',
      provider: props.provider,
      systemMessage: props.systemMessage,
      messages: [{ role: 'user', content: props.prompt }],
      configuration: props.configuration,
      tools: props.tools,
      maxSequentialToolsInvocations: props.maxSequentialToolsInvocations,
      memory: props.memory,
    })
  },
})
