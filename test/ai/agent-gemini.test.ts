import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { aiAgent } from '../../src/plugins/ai/agent.ts'
import { startFakeGemini } from '../fakes/gemini.ts'
import type { FakeLlm } from '../fakes/llm-script.ts'
import { geminiProvider } from './providers.ts'
import { executeResult, TEST_LANGUAGES, testRunContext } from './run-context.ts'

const provider = (url: string) => geminiProvider(url, 'gemini-secret-key')

describe('AIAgent with Google Gemini and CodeExecution (local sandbox)', () => {
  let gemini: FakeLlm
  before(async () => {
    gemini = await startFakeGemini([
      {
        toolCalls: [
          { name: 'execute_code', args: { language: 'javascript', code: 'console.log(Math.sqrt(1764))' } },
        ],
        usage: { input: 50, output: 20 },
      },
      (request) => {
        const contents = (
          request.body as { contents: { parts: { functionResponse?: { response: unknown } }[] }[] }
        ).contents
        const response = contents.at(-1)?.parts[0]?.functionResponse?.response as {
          content?: { stdout?: string }
        }
        return {
          text: `The square root of 1764 is ${response?.content?.stdout?.trim()}.`,
          usage: { input: 80, output: 12 },
        }
      },
    ])
  })
  after(() => gemini.close())

  it('runs the code the model asks for, feeds the result back and returns Kestra outputs', async () => {
    const ctx = testRunContext({
      languages: TEST_LANGUAGES,
      execute: async () => executeResult({ stdout: '42\n' }),
    })
    const outputs = await aiAgent.run(
      ctx,
      aiAgent.props.parse({
        provider: provider(gemini.url),
        prompt: 'What is the square root of 1764?',
        tools: [{ type: 'io.kestra.plugin.ai.tool.CodeExecution' }],
      }),
    )

    assert.equal(outputs.textOutput, 'The square root of 1764 is 42.')
    assert.equal(outputs.finishReason, 'STOP')
    assert.deepEqual(outputs.tokenUsage, { inputTokenCount: 130, outputTokenCount: 32, totalTokenCount: 162 })
    assert.equal(outputs.toolExecutions.length, 1)
    const [execution] = outputs.toolExecutions
    assert.equal(execution?.requestName, 'execute_code')
    assert.deepEqual(execution?.requestArguments, {
      language: 'javascript',
      code: 'console.log(Math.sqrt(1764))',
    })
    assert.equal(JSON.parse(execution?.result ?? '{}').stdout, '42\n')
    assert.equal(outputs.intermediateResponses.length, 1)
    assert.equal(outputs.intermediateResponses[0]?.finishReason, 'TOOL_EXECUTION')
    assert.equal(outputs.intermediateResponses[0]?.toolExecutionRequests[0]?.name, 'execute_code')
    assert.equal(typeof outputs.requestDuration, 'number')

    assert.deepEqual(
      ctx.sandboxRequests.map((request) => [request.language, request.source]),
      [['javascript', 'console.log(Math.sqrt(1764))']],
    )

    const [first, second] = gemini.modelRequests()
    assert.match(first?.path ?? '', /^\/v1beta\/models\/gemini-2\.5-flash:generateContent/)
    assert.equal(first?.headers['x-goog-api-key'], 'gemini-secret-key')
    const firstBody = first?.body as {
      contents: unknown[]
      tools: {
        functionDeclarations: {
          name: string
          description: string
          parameters: { properties: { language: { enum: string[] } } }
        }[]
      }[]
    }
    assert.deepEqual(firstBody.contents, [
      { role: 'user', parts: [{ text: 'What is the square root of 1764?' }] },
    ])
    const declaration = firstBody.tools[0]?.functionDeclarations[0]
    assert.equal(declaration?.name, 'execute_code')
    assert.deepEqual(declaration?.parameters.properties.language.enum, ['javascript', 'python'])
    assert.match(
      declaration?.description ?? '',
      /javascript \(JavaScript 24\.9\.0\), python \(Python 3\.11\.2\)/,
    )
    const secondBody = second?.body as { contents: { role: string; parts: Record<string, unknown>[] }[] }
    assert.equal(secondBody.contents.length, 3)
    assert.deepEqual(Object.keys(secondBody.contents[1]?.parts[0] ?? {}), ['functionCall'])
    assert.equal(secondBody.contents[2]?.parts[0]?.functionResponse !== undefined, true)

    const kinds = ctx.traces.map((trace) => trace.kind)
    assert.deepEqual(kinds, [
      'llm-request',
      'llm-response',
      'tool-call',
      'code-execution',
      'tool-result',
      'llm-request',
      'llm-response',
    ])
    const code = ctx.traces.find((trace) => trace.kind === 'code-execution')?.data
    assert.equal(code?.language, 'javascript')
    assert.equal(code?.stdout, '42\n')
    assert.equal(code?.status, 'Accepted')
    assert.equal(JSON.stringify(ctx.traces).includes('gemini-secret-key'), false)
  })
})
