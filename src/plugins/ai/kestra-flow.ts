import { jsonSchema, tool } from 'ai'
import { z } from 'zod'
import type { RunContext } from '../../engine/run-context.ts'
import { defineComponent } from '../define.ts'
import { AiConfigurationError } from './errors.ts'
import type { ToolImplementation } from './types.ts'

const props = z.object({
  namespace: z.string().min(1).optional().describe('Namespace of the flow to run (with `flowId`).'),
  flowId: z
    .string()
    .min(1)
    .optional()
    .describe('Id of the flow to run; without it the model names the flow.'),
  description: z
    .string()
    .optional()
    .describe('What the flow does, for the model (needed with a fixed flow).'),
  inputs: z.record(z.string(), z.unknown()).default({}).describe('Inputs; the model’s inputs override them.'),
  labels: z
    .record(z.string(), z.string())
    .default({})
    .describe('Labels of the execution; the model’s override them.'),
})

type Props = z.output<typeof props>

interface FlowCall {
  namespace?: string
  flowId?: string
  inputs?: Record<string, unknown>
  labels?: Record<string, string>
}

const callSchema = (fixed: boolean) =>
  jsonSchema<FlowCall>({
    type: 'object',
    properties: {
      ...(fixed
        ? {}
        : {
            namespace: { type: 'string', description: 'Namespace of the flow.' },
            flowId: { type: 'string', description: 'Id of the flow.' },
          }),
      inputs: {
        type: 'object',
        description: 'Inputs of the execution, by input id.',
        additionalProperties: true,
      },
      labels: {
        type: 'object',
        description: 'Labels of the execution.',
        additionalProperties: { type: 'string' },
      },
    },
    required: fixed ? [] : ['namespace', 'flowId'],
  })

async function runFlow(ctx: RunContext, options: Props, call: FlowCall) {
  const execution = await ctx.runFlow({
    namespace: (options.namespace ?? call.namespace) as string,
    flowId: (options.flowId ?? call.flowId) as string,
    inputs: { ...options.inputs, ...call.inputs },
    labels: { ...options.labels, ...call.labels },
    wait: true,
  })
  return {
    executionId: execution.id,
    namespace: execution.namespace,
    flowId: execution.flowId,
    state: execution.state.current,
    outputs: execution.outputs,
  }
}

const implementation: ToolImplementation<Props> = {
  async createTools(services, options) {
    if ((options.namespace === undefined) !== (options.flowId === undefined)) {
      throw new AiConfigurationError(`${services.label}: set both namespace and flowId, or neither`)
    }
    const fixed = options.flowId !== undefined
    const name = fixed
      ? `kestra_flow_${options.namespace}_${options.flowId}`.replace(/[^A-Za-z0-9_-]/g, '_')
      : 'kestra_flow'
    const description = fixed
      ? `Runs the flow ${options.namespace}.${options.flowId} and returns its execution (id, state, outputs). ${options.description ?? ''}`
      : 'Runs a flow, given its namespace and id, and returns its execution (id, state, outputs).'
    const flowTool = tool({
      description: description.trim(),
      inputSchema: callSchema(fixed),
      execute: (call) => runFlow(services.ctx, options, call),
    })
    return { tools: { [name]: flowTool } }
  },
}

/**
 * `io.kestra.plugin.ai.tool.KestraFlow`: lets the model run a flow, a fixed one (`namespace` + `flowId`) or one it
 * names, and read back the execution's state and outputs.
 */
export const kestraFlow = defineComponent({
  type: 'io.kestra.plugin.ai.tool.KestraFlow',
  title: 'Let the model run a flow and read its execution.',
  category: 'tool',
  props,
  implementation,
})
