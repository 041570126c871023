import { z } from 'zod'
import { VerityError } from '../../errors.ts'
import { defineRunnableTask } from '../define.ts'

/**
 * `io.kestra.plugin.core.flow.Subflow`: starts another flow (from the flows directory or the store) as a child
 * execution. With `wait` (default) it ends when the child ends, exposing the child's flow outputs; with
 * `transmitFailed` (default) a failed or killed child fails this task. Calls forming a cycle are refused.
 */
export const subflowTask = defineRunnableTask({
  type: 'io.kestra.plugin.core.flow.Subflow',
  aliases: ['io.kestra.core.tasks.flows.Subflow', 'io.kestra.core.tasks.flows.Flow'],
  title: 'Start another flow as a child execution.',
  props: z.object({
    namespace: z.string().describe('Namespace of the flow to start.'),
    flowId: z.string().describe('Id of the flow to start.'),
    inputs: z.record(z.string(), z.unknown()).default({}).describe('Inputs of the child execution.'),
    labels: z.record(z.string(), z.string()).default({}).describe('Labels added to the child execution.'),
    wait: z.boolean().default(true).describe('Wait for the child to end.'),
    transmitFailed: z.boolean().default(true).describe('Fail this task when the child fails (needs `wait`).'),
  }),
  outputs: z.object({
    executionId: z.string(),
    state: z.string().optional(),
    outputs: z.record(z.string(), z.unknown()).optional(),
  }),
  examples: [
    {
      title: 'Call a flow and use its outputs',
      code: 'id: child\ntype: io.kestra.plugin.core.flow.Subflow\nnamespace: company.team\nflowId: compute\ninputs:\n  n: 3',
    },
  ],
  async run(ctx, props) {
    const child = await ctx.runFlow({
      namespace: props.namespace,
      flowId: props.flowId,
      inputs: props.inputs,
      labels: props.labels,
      wait: props.wait,
    })
    const state = child.state.current
    ctx.logger.info(`Subflow ${props.namespace}.${props.flowId} execution ${child.id} is ${state}`)
    if (props.wait && props.transmitFailed && (state === 'FAILED' || state === 'KILLED')) {
      throw new VerityError(
        'SUBFLOW_FAILED',
        `Subflow ${props.namespace}.${props.flowId} execution ${child.id} ended ${state}`,
      )
    }
    return props.wait ? { executionId: child.id, state, outputs: child.outputs } : { executionId: child.id }
  },
})
