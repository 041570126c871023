import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createGoogleGenerativeAI } from '@ai-sdk/google'
import { streamText } from 'ai'
import { aiAgent } from '../../src/plugins/ai/agent.ts'
import { startFakeGemini } from '../fakes/gemini.ts'
import { requestBody } from '../fakes/http.ts'
import type { FakeLlm } from '../fakes/llm-script.ts'
import { startFakeOpenAI } from '../fakes/openai.ts'
import { testRunContext } from './run-context.ts'

describe('providers speaking OpenAI-style chat completions', () => {
  let server: FakeLlm
  before(async () => {
    server = await startFakeOpenAI(Array.from({ length: 4 }, () => ({ text: 'hello' })))
  })
  after(() => server.close())

  const cases = [
    { type: 'io.kestra.plugin.ai.provider.LocalAI', apiKey: undefined },
    { type: 'io.kestra.plugin.ai.provider.OpenRouter', apiKey: 'or-key' },
    { type: 'io.kestra.plugin.ai.provider.DeepSeek', apiKey: 'ds-key' },
    { type: 'io.kestra.plugin.ai.provider.MistralAI', apiKey: 'mi-key' },
  ]
  for (const [index, { type, apiKey }] of cases.entries()) {
    it(`${type.split('.').at(-1)}: posts to {baseUrl}/chat/completions with its key and model`, async () => {
      const outputs = await aiAgent.run(
        testRunContext(),
        aiAgent.props.parse({
          provider: {
            type,
            modelName: `model-${index}`,
            baseUrl: `${server.url}/v1`,
            ...(apiKey ? { apiKey } : {}),
          },
          prompt: 'hi',
        }),
      )
      assert.equal(outputs.textOutput, 'hello')
      const request = server.modelRequests()[index]
      assert.equal(request?.path, '/v1/chat/completions')
      assert.equal(request?.headers.authorization, apiKey ? `Bearer ${apiKey}` : undefined)
      assert.equal((requestBody(request) as { model: string }).model, `model-${index}`)
    })
  }
})

describe('the fake Gemini also streams', () => {
  it('answers streamGenerateContent with server-sent events the real provider parses', async () => {
    const gemini = await startFakeGemini([{ text: 'streamed answer', usage: { input: 3, output: 2 } }])
    try {
      const model = createGoogleGenerativeAI({ apiKey: 'k', baseURL: `${gemini.url}/v1beta` })(
        'gemini-2.5-flash',
      )
      const result = streamText({ model, prompt: 'hi' })
      assert.equal(await result.text, 'streamed answer')
      assert.equal((await result.totalUsage).outputTokens, 2)
      assert.match(gemini.modelRequests()[0]?.path ?? '', /:streamGenerateContent\?alt=sse$/)
    } finally {
      await gemini.close()
    }
  })
})
