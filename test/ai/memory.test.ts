import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { aiAgent } from '../../src/plugins/ai/agent.ts'
import { requestBody } from '../fakes/http.ts'
import type { FakeLlm } from '../fakes/llm-script.ts'
import { startFakeOllama } from '../fakes/ollama.ts'
import { ollamaProvider } from './providers.ts'
import { executeResult, TEST_LANGUAGES, testRunContext } from './run-context.ts'

interface OllamaBody {
  messages: { role: string; content: string; tool_calls?: unknown[] }[]
}

/** Runs one agent task with `memory` over `kv` (an Ollama that answers "ok") and returns the request it sent. */
async function sentWithMemory(
  kv: Map<string, unknown>,
  prompt: string,
  memory: Record<string, unknown>,
): Promise<OllamaBody> {
  const server = await startFakeOllama([{ text: 'ok' }])
  try {
    await aiAgent.run(
      testRunContext({ kv }),
      aiAgent.props.parse({ provider: ollamaProvider(server.url), prompt, memory }),
    )
    return requestBody(server.modelRequests()[0]) as OllamaBody
  } finally {
    await server.close()
  }
}

describe('KestraKVStore memory across two tasks (Ollama)', () => {
  let ollama: FakeLlm
  before(async () => {
    ollama = await startFakeOllama([
      { toolCalls: [{ name: 'execute_code', args: { language: 'python', code: 'print(2**10)' } }] },
      { text: 'Noted, John: 2^10 is 1024.' },
      { text: 'You are John and the number was 1024.' },
    ])
  })
  after(() => ollama.close())

  it('the second task sees the first conversation, tool call and tool result included', async () => {
    const kv = new Map<string, unknown>()
    const task = (prompt: string) =>
      aiAgent.props.parse({
        provider: ollamaProvider(ollama.url),
        prompt,
        tools: [{ type: 'io.kestra.plugin.ai.tool.CodeExecution' }],
        memory: { type: 'io.kestra.plugin.ai.memory.KestraKVStore', memoryId: 'john', ttl: 'PT10M' },
      })
    const first = testRunContext({
      kv,
      languages: TEST_LANGUAGES,
      execute: async () => executeResult({ stdout: '1024\n' }),
    })
    await aiAgent.run(first, task('I am John. Compute 2^10.'))
    const stored = kv.get('company.ai/john') as { role: string }[]
    assert.deepEqual(
      stored.map((message) => message.role),
      ['user', 'assistant', 'tool', 'assistant'],
    )

    const second = testRunContext({ kv, languages: TEST_LANGUAGES })
    const outputs = await aiAgent.run(second, task('Who am I and what was the number?'))
    assert.equal(outputs.textOutput, 'You are John and the number was 1024.')

    const sent = ollama.modelRequests()[2]?.body as OllamaBody
    assert.deepEqual(
      sent.messages.map((message) => message.role),
      ['user', 'assistant', 'tool', 'assistant', 'user'],
    )
    assert.equal(sent.messages[0]?.content, 'I am John. Compute 2^10.')
    assert.equal(sent.messages[1]?.tool_calls?.length, 1)
    assert.match(sent.messages[2]?.content ?? '', /1024/)
    assert.equal((kv.get('company.ai/john') as unknown[]).length, 6)
  })

  it('keeps a window of `messages` that never starts with an orphan tool result', async () => {
    const kv = new Map<string, unknown>([
      [
        'company.ai/window',
        [
          { role: 'user', content: 'q1' },
          { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 't', input: {} }] },
          {
            role: 'tool',
            content: [
              { type: 'tool-result', toolCallId: 'c1', toolName: 't', output: { type: 'text', value: 'r' } },
            ],
          },
          { role: 'assistant', content: 'a1' },
        ],
      ],
    ])
    const sent = await sentWithMemory(kv, 'q2', {
      type: 'io.kestra.plugin.ai.memory.KestraKVStore',
      memoryId: 'window',
      messages: 2,
    })
    assert.deepEqual(
      sent.messages.map((message) => [message.role, message.content]),
      [
        ['assistant', 'a1'],
        ['user', 'q2'],
      ],
    )
  })

  it('drop: AFTER_TASKRUN erases the memory once the task is done', async () => {
    const kv = new Map<string, unknown>([['company.ai/temp', [{ role: 'user', content: 'old' }]]])
    const sent = await sentWithMemory(kv, 'new', {
      type: 'io.kestra.plugin.ai.memory.KestraKVStore',
      memoryId: 'temp',
      drop: 'AFTER_TASKRUN',
    })
    assert.equal(sent.messages.length, 2)
    assert.equal(kv.has('company.ai/temp'), false)
  })
})
