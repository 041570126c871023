import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { aiAgent } from '../../src/plugins/ai/agent.ts'
import { AiProviderError } from '../../src/plugins/ai/errors.ts'
import { startFakeAnthropic } from '../fakes/anthropic.ts'
import { startFakeGemini } from '../fakes/gemini.ts'
import { closedAfterEach } from '../fakes/http.ts'
import type { FakeLlm } from '../fakes/llm-script.ts'
import { startFakeOllama } from '../fakes/ollama.ts'
import { startFakeOpenAI } from '../fakes/openai.ts'
import { anthropicProvider, geminiProvider, ollamaProvider, openAIProvider } from './providers.ts'
import { testRunContext } from './run-context.ts'

const servers = closedAfterEach<FakeLlm>()

const gemini = (url: string) => geminiProvider(url, 'AIza-secret')
// Tells the AI SDK to retry at once rather than after its 2 s backoff.
const retryNow = { 'retry-after-ms': '1' }

/** One agent task saying "hi" to `provider`. */
const sayHi = (provider: Record<string, unknown>, ctx = testRunContext()) =>
  aiAgent.run(ctx, aiAgent.props.parse({ provider, prompt: 'hi' }))

describe('provider HTTP errors become clear task errors', () => {
  it('401: names the provider, the status and the vendor message, without the key, and does not retry', async () => {
    const server = await startFakeGemini([
      { error: { status: 401, message: 'API key not valid. Please pass a valid API key. (AIza-secret)' } },
    ])
    servers.push(server)
    const error = await sayHi(gemini(server.url)).then(
      () => assert.fail('expected an error'),
      (caught: unknown) => caught,
    )
    assert.ok(error instanceof AiProviderError)
    assert.equal(error.statusCode, 401)
    assert.equal(error.userFacing, true)
    assert.match(error.message, /^Google Gemini answered HTTP 401 \(check the API key\): API key not valid/)
    assert.equal(error.message.includes('AIza-secret'), false)
    assert.equal(server.modelRequests().length, 1)
  })

  it('429: retries (honouring retry-after) and succeeds', async () => {
    const server = await startFakeOpenAI([
      { error: { status: 429, message: 'Rate limit reached', headers: retryNow } },
      { text: 'after retry' },
    ])
    servers.push(server)
    const outputs = await sayHi(openAIProvider(server.url))
    assert.equal(outputs.textOutput, 'after retry')
    assert.equal(server.modelRequests().length, 2)
  })

  it('429 that persists: fails after the retries, saying so', async () => {
    const error = { status: 429, message: 'Rate limit reached for requests', headers: retryNow }
    const server = await startFakeAnthropic([{ error }, { error }, { error }])
    servers.push(server)
    await assert.rejects(
      sayHi(anthropicProvider(server.url)),
      /^AiProviderError: Anthropic answered HTTP 429 \(rate limited\) \(after 3 attempts\): Rate limit reached for requests$/,
    )
    assert.equal(server.modelRequests().length, 3)
  })

  it('500: reports the provider error with the vendor message', async () => {
    const error = { status: 500, message: 'model runner crashed', headers: retryNow }
    const server = await startFakeOllama([{ error }, { error }, { error }])
    servers.push(server)
    await assert.rejects(
      sayHi(ollamaProvider(server.url)),
      (caught: unknown) =>
        caught instanceof AiProviderError &&
        caught.statusCode === 500 &&
        /^Ollama answered HTTP 500 \(provider error\) \(after 3 attempts\): model runner crashed$/.test(
          caught.message,
        ),
    )
  })

  it('a task timeout or kill (the context signal) aborts the LLM call in flight', async () => {
    const server = await startFakeOpenAI([{ text: 'too late', delayMs: 5_000 }])
    servers.push(server)
    const controller = new AbortController()
    setTimeout(() => controller.abort(new Error('task timed out')), 100)
    await assert.rejects(
      sayHi(openAIProvider(server.url), testRunContext({ signal: controller.signal })),
      (error: unknown) => !(error instanceof AiProviderError) && /task timed out/.test(String(error)),
    )
    assert.equal(server.modelRequests().length, 1)
  })
})
