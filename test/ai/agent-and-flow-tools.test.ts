import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { RunContext } from '../../src/engine/run-context.ts'
import { aiAgent } from '../../src/plugins/ai/agent.ts'
import type { ExecutionRecord } from '../../src/store/types.ts'
import { startFakeAnthropic } from '../fakes/anthropic.ts'
import { startFakeGemini } from '../fakes/gemini.ts'
import { closedAfterEach, requestBody } from '../fakes/http.ts'
import type { FakeLlm, Script } from '../fakes/llm-script.ts'
import { anthropicProvider, geminiProvider } from './providers.ts'
import { testRunContext } from './run-context.ts'

const servers = closedAfterEach<FakeLlm>()

describe('io.kestra.plugin.ai.tool.AIAgent: an agent calling an agent', () => {
  it('runs the inner agent on its own provider and returns its answer to the outer one', async () => {
    const outer = await startFakeGemini([
      {
        toolCalls: [
          { name: 'kestra_agent_translator', args: { prompt: 'Translate "good morning" to French' } },
        ],
      },
      { text: 'In French: Bonjour.' },
    ])
    const inner = await startFakeAnthropic([{ text: 'Bonjour' }])
    servers.push(outer, inner)
    const ctx = testRunContext()
    const outputs = await aiAgent.run(
      ctx,
      aiAgent.props.parse({
        provider: geminiProvider(outer.url, 'outer-key'),
        prompt: 'Say good morning in French',
        tools: [
          {
            type: 'io.kestra.plugin.ai.tool.AIAgent',
            name: 'translator',
            description: 'Translation expert',
            systemMessage: 'You translate.',
            provider: anthropicProvider(inner.url, 'inner-key', 'claude-haiku'),
          },
        ],
      }),
    )
    assert.equal(outputs.textOutput, 'In French: Bonjour.')
    assert.equal(outputs.toolExecutions[0]?.result, 'Bonjour')
    const innerBody = inner.modelRequests()[0]?.body as {
      system: { text: string }[]
      messages: { content: { text: string }[] }[]
    }
    assert.equal(innerBody.system[0]?.text, 'You translate.')
    assert.equal(innerBody.messages[0]?.content[0]?.text, 'Translate "good morning" to French')
    const declaration = (
      requestBody(outer.modelRequests()[0]) as {
        tools: { functionDeclarations: { description: string }[] }[]
      }
    ).tools[0]?.functionDeclarations[0]
    assert.match(declaration?.description ?? '', /Translation expert/)
    // The inner agent's LLM calls are traced under the tool's path, with neither key in any trace.
    const innerCalls = ctx.traces.filter(
      (trace) => trace.kind === 'llm-request' && trace.data.agent === 'agent.tools[0]',
    )
    assert.equal(innerCalls.length, 1)
    assert.equal(innerCalls[0]?.data.provider, 'io.kestra.plugin.ai.provider.Anthropic')
    const traces = JSON.stringify(ctx.traces)
    assert.equal(traces.includes('inner-key') || traces.includes('outer-key'), false)
  })
})

describe('io.kestra.plugin.ai.tool.KestraFlow', () => {
  const execution = (namespace: string, flowId: string): ExecutionRecord => ({
    id: 'exec-child',
    namespace,
    flowId,
    flowRevision: 1,
    state: { current: 'SUCCESS', histories: [], startDate: '2026-01-01T00:00:00Z' },
    inputs: {},
    outputs: { report: 'ok' },
    labels: {},
  })

  type FlowRequest = Parameters<RunContext['runFlow']>[0]

  /** Runs an agent on a scripted Gemini with `tools`; every flow it starts succeeds and is recorded. */
  async function runAgent(script: Script, prompt: string, tools: Record<string, unknown>[]) {
    const llm = await startFakeGemini(script)
    servers.push(llm)
    const calls: FlowRequest[] = []
    const ctx = testRunContext({
      runFlow: async (request) => {
        calls.push(request)
        return execution(request.namespace, request.flowId)
      },
    })
    const outputs = await aiAgent.run(
      ctx,
      aiAgent.props.parse({ provider: geminiProvider(llm.url), prompt, tools }),
    )
    return { llm, calls, outputs }
  }

  it('runs a fixed flow with tool inputs overridden by the model, and returns the execution', async () => {
    const { calls, outputs } = await runAgent(
      [
        { toolCalls: [{ name: 'kestra_flow_company_team_hello', args: { inputs: { name: 'Ada' } } }] },
        { text: 'Flow ran.' },
      ],
      'run hello',
      [
        {
          type: 'io.kestra.plugin.ai.tool.KestraFlow',
          namespace: 'company.team',
          flowId: 'hello',
          description: 'Greets',
          inputs: { name: 'Bob', lang: 'en' },
        },
      ],
    )
    assert.deepEqual(calls, [
      {
        namespace: 'company.team',
        flowId: 'hello',
        inputs: { name: 'Ada', lang: 'en' },
        labels: {},
        wait: true,
      },
    ])
    assert.deepEqual(JSON.parse(outputs.toolExecutions[0]?.result ?? '{}'), {
      executionId: 'exec-child',
      namespace: 'company.team',
      flowId: 'hello',
      state: 'SUCCESS',
      outputs: { report: 'ok' },
    })
  })

  it('lets the model choose the flow when none is fixed', async () => {
    const { llm, calls } = await runAgent(
      [
        { toolCalls: [{ name: 'kestra_flow', args: { namespace: 'tutorial', flowId: 'hello-world' } }] },
        { text: 'ok' },
      ],
      'run the tutorial hello world',
      [{ type: 'io.kestra.plugin.ai.tool.KestraFlow' }],
    )
    assert.deepEqual(
      calls.map((call) => `${call.namespace}.${call.flowId}`),
      ['tutorial.hello-world'],
    )
    const declaration = (
      requestBody(llm.modelRequests()[0]) as {
        tools: { functionDeclarations: { parameters: { required: string[] } }[] }[]
      }
    ).tools[0]?.functionDeclarations[0]
    assert.deepEqual(declaration?.parameters.required, ['namespace', 'flowId'])
  })
})
