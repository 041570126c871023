import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { aiAgent } from '../../src/plugins/ai/agent.ts'
import { startFakeAnthropic } from '../fakes/anthropic.ts'
import { closedAfterEach, requestBody } from '../fakes/http.ts'
import type { FakeLlm, Script } from '../fakes/llm-script.ts'
import { startFakeOpenAI } from '../fakes/openai.ts'
import { anthropicProvider, openAIProvider } from './providers.ts'
import { executeResult, TEST_LANGUAGES, testRunContext } from './run-context.ts'

const servers = closedAfterEach<FakeLlm>()

async function openAI(script: Script) {
  const server = await startFakeOpenAI(script)
  servers.push(server)
  return {
    server,
    provider: openAIProvider(server.url, 'sk-test', 'gpt-4o-mini'),
  }
}

const codeTool = { type: 'io.kestra.plugin.ai.tool.CodeExecution' }
const callCode = (code: string, language = 'python') => ({
  toolCalls: [{ name: 'execute_code', args: { language, code } }],
})

describe('AIAgent tool loop (OpenAI chat completions)', () => {
  it('uses chat completions and stops offering tools after maxSequentialToolsInvocations', async () => {
    // The scripted model calls the tool whenever it may, as a runaway agent would.
    const eager = (request: { body: unknown }) =>
      (request.body as { tool_choice?: string }).tool_choice === 'none'
        ? { text: 'forced answer' }
        : callCode('print(1)')
    const { server, provider } = await openAI([eager, eager, eager, eager])
    const ctx = testRunContext({
      languages: TEST_LANGUAGES,
      execute: async () => executeResult({ stdout: 'x\n' }),
    })
    const outputs = await aiAgent.run(
      ctx,
      aiAgent.props.parse({ provider, prompt: 'loop', tools: [codeTool], maxSequentialToolsInvocations: 2 }),
    )

    assert.equal(outputs.textOutput, 'forced answer')
    assert.equal(outputs.finishReason, 'STOP')
    const requests = server.modelRequests()
    assert.equal(requests.length, 3, 'two tool rounds, then one answer without tools')
    assert.equal(requests[0]?.path, '/v1/chat/completions')
    assert.deepEqual(
      requests.map((request) => (request.body as { tool_choice?: string }).tool_choice),
      ['auto', 'auto', 'none'],
    )
    assert.equal(outputs.toolExecutions.length, 2)
    assert.equal(outputs.intermediateResponses.length, 2)
    assert.equal(ctx.sandboxRequests.length, 2)
    assert.ok(
      ctx.logs.some(
        (log) => log.level === 'WARN' && log.message.includes('maxSequentialToolsInvocations (2)'),
      ),
    )
    assert.equal(requests[0]?.headers.authorization, 'Bearer sk-test')
  })

  it('hands a failing program back to the model as a result: stderr, exit code and status', async () => {
    const { server, provider } = await openAI([
      callCode('raise ValueError("boom")'),
      { text: 'The code failed with ValueError.' },
    ])
    const ctx = testRunContext({
      languages: TEST_LANGUAGES,
      execute: async () => executeResult({ stderr: 'ValueError: boom\n', exitCode: 1 }),
    })
    const outputs = await aiAgent.run(
      ctx,
      aiAgent.props.parse({ provider, prompt: 'run it', tools: [codeTool] }),
    )

    assert.equal(outputs.textOutput, 'The code failed with ValueError.')
    const messages = (
      requestBody(server.modelRequests()[1]) as { messages: { role: string; content: string }[] }
    ).messages
    const toolMessage = messages.find((message) => message.role === 'tool')
    const result = JSON.parse(toolMessage?.content ?? '{}')
    assert.equal(result.stderr, 'ValueError: boom\n')
    assert.equal(result.exitCode, 1)
    assert.equal(result.status, 'Runtime Error (NZEC)')
    assert.equal(result.stdoutTruncated, false)
  })

  it('feeds a tool error back to the model instead of failing the task', async () => {
    const { server, provider } = await openAI([
      callCode('puts 1', 'ruby'),
      { text: 'Ruby is not available.' },
    ])
    const ctx = testRunContext({ languages: TEST_LANGUAGES, execute: async () => executeResult({}) })
    const outputs = await aiAgent.run(
      ctx,
      aiAgent.props.parse({ provider, prompt: 'ruby please', tools: [codeTool] }),
    )

    assert.equal(outputs.textOutput, 'Ruby is not available.')
    assert.match(
      outputs.toolExecutions[0]?.result ?? '',
      /^Error: unknown language "ruby"; use one of: javascript, python/,
    )
    const messages = (
      requestBody(server.modelRequests()[1]) as { messages: { role: string; content: string }[] }
    ).messages
    assert.match(messages.find((message) => message.role === 'tool')?.content ?? '', /unknown language/)
    assert.equal(ctx.sandboxRequests.length, 0)
    const result = ctx.traces.find((trace) => trace.kind === 'tool-result')?.data
    assert.match(String(result?.error), /unknown language/)
  })

  it('ends the run when the sandbox itself fails (the model cannot fix that)', async () => {
    const { provider } = await openAI([callCode('print(1)'), { text: 'never reached' }])
    const ctx = testRunContext({
      languages: TEST_LANGUAGES,
      execute: async () => {
        throw new Error('sandbox unavailable: bwrap missing')
      },
    })
    await assert.rejects(
      aiAgent.run(ctx, aiAgent.props.parse({ provider, prompt: 'x', tools: [codeTool] })),
      /sandbox unavailable: bwrap missing/,
    )
  })

  it('restricts the languages offered to `languages` and rejects unknown ones at start', async () => {
    const { server, provider } = await openAI([{ text: 'ok' }])
    const ctx = testRunContext({ languages: TEST_LANGUAGES })
    await aiAgent.run(
      ctx,
      aiAgent.props.parse({ provider, prompt: 'x', tools: [{ ...codeTool, languages: ['python'] }] }),
    )
    const tools = (
      requestBody(server.modelRequests()[0]) as {
        tools: { function: { parameters: { properties: { language: { enum: string[] } } } } }[]
      }
    ).tools
    assert.deepEqual(tools[0]?.function.parameters.properties.language.enum, ['python'])

    await assert.rejects(
      aiAgent.run(
        ctx,
        aiAgent.props.parse({ provider, prompt: 'x', tools: [{ ...codeTool, languages: ['cobol'] }] }),
      ),
      /agent\.tools\[0\]\.languages: cobol not installed here; installed: javascript, python/,
    )
  })
})

describe('CodeExecution options (local sandbox)', () => {
  it('passes limits, network and outputFiles to the sandbox and declares the files as task outputs', async () => {
    const { provider } = await openAI([
      callCode('open("out.csv","w").write("a,b")'),
      { text: 'wrote out.csv' },
    ])
    const ctx = testRunContext({
      languages: TEST_LANGUAGES,
      execute: async () => ({
        ...executeResult({}),
        outputFiles: [{ name: 'out.csv', bytes: new TextEncoder().encode('a,b'), truncated: false }],
      }),
    })
    const outputs = await aiAgent.run(
      ctx,
      aiAgent.props.parse({
        provider,
        prompt: 'write a csv',
        tools: [
          { ...codeTool, limits: { cpuTime: 2, memory: 65536 }, network: true, outputFiles: ['*.csv'] },
        ],
      }),
    )
    const [request] = ctx.sandboxRequests
    assert.deepEqual(request?.limits, { cpuTime: 2, memory: 65536 })
    assert.equal(request?.network, true)
    assert.deepEqual(request?.outputFiles, ['*.csv'])
    assert.deepEqual(outputs.outputFiles, { 'out.csv': 'verity://test/out.csv' })
    assert.equal(new TextDecoder().decode(ctx.files.get('verity://test/out.csv')), 'a,b')
    assert.deepEqual(JSON.parse(outputs.toolExecutions[0]?.result ?? '{}').outputFiles, [
      { name: 'out.csv', truncated: false },
    ])
  })
})

describe('AIAgent with Anthropic', () => {
  it('speaks the Messages API with tool_use / tool_result blocks', async () => {
    const server = await startFakeAnthropic([callCode('print(6*7)'), { text: '42' }])
    servers.push(server)
    const ctx = testRunContext({
      languages: TEST_LANGUAGES,
      execute: async () => executeResult({ stdout: '42\n' }),
    })
    const outputs = await aiAgent.run(
      ctx,
      aiAgent.props.parse({
        provider: anthropicProvider(server.url, 'ant-key', 'claude-sonnet-4-5'),
        systemMessage: 'Always compute with code.',
        prompt: '6*7?',
        tools: [codeTool],
      }),
    )
    assert.equal(outputs.textOutput, '42')
    const [first, second] = server.modelRequests()
    assert.equal(first?.headers['x-api-key'], 'ant-key')
    const firstBody = first?.body as { system: { text: string }[]; tools: { name: string }[] }
    assert.equal(firstBody.system[0]?.text, 'Always compute with code.')
    assert.equal(firstBody.tools[0]?.name, 'execute_code')
    const secondBody = second?.body as {
      messages: { role: string; content: { type: string; tool_use_id?: string; content?: unknown }[] }[]
    }
    const toolResult = secondBody.messages[2]?.content[0]
    assert.equal(toolResult?.type, 'tool_result')
    assert.equal(toolResult?.tool_use_id, 'toolu_1_1')
    assert.match(JSON.stringify(toolResult?.content), /42/)
  })
})
