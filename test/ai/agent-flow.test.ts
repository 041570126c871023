import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createHarness, type Harness } from '../engine/harness.ts'
import { requestBody } from '../fakes/http.ts'
import type { FakeLlm } from '../fakes/llm-script.ts'
import { startFakeOpenAI } from '../fakes/openai.ts'

interface ChatBody {
  messages: { role: string; content: string }[]
}

describe('AIAgent in a YAML flow on the real engine', () => {
  let llm: FakeLlm
  let harness: Harness
  before(async () => {
    llm = await startFakeOpenAI([{ text: 'Nice to meet you, John.' }, { text: 'Your name is John.' }])
    harness = await createHarness()
    await harness.store.kv.set({
      namespace: 'company.ai',
      key: 'OPENAI_KEY',
      value: 'sk-flow-secret',
      secret: true,
    })
  })
  after(async () => {
    await harness.close()
    await llm.close()
  })

  it('renders the provider from pluginDefaults and KV, keeps memory across two tasks, traces without the key', async () => {
    const result = await harness.run(
      [
        'id: memory_flow',
        'namespace: company.ai',
        'tasks:',
        '  - id: first',
        '    type: io.kestra.plugin.ai.agent.AIAgent',
        '    prompt: Hi, my name is John',
        '  - id: second',
        '    type: io.kestra.plugin.ai.agent.AIAgent',
        '    prompt: "What is my name? You said: {{ outputs.first.textOutput }}"',
        'pluginDefaults:',
        '  - type: io.kestra.plugin.ai.agent.AIAgent',
        '    values:',
        '      provider:',
        '        type: io.kestra.plugin.ai.provider.OpenAI',
        '        apiKey: "{{ kv(\'OPENAI_KEY\') }}"',
        '        modelName: gpt-4o-mini',
        `        baseUrl: ${llm.url}/v1`,
        '      memory:',
        '        type: io.kestra.plugin.ai.memory.KestraKVStore',
        '        memoryId: john',
      ].join('\n'),
    )
    assert.equal(result.execution.state.current, 'SUCCESS')
    assert.equal(result.taskRun('second').outputs.textOutput, 'Your name is John.')

    const [first, second] = llm.modelRequests()
    assert.equal(first?.headers.authorization, 'Bearer sk-flow-secret')
    assert.deepEqual(
      (requestBody(second) as ChatBody).messages.map((message) => [message.role, message.content]),
      [
        ['user', 'Hi, my name is John'],
        ['assistant', 'Nice to meet you, John.'],
        ['user', 'What is my name? You said: Nice to meet you, John.'],
      ],
    )
    const memory = await harness.store.kv.get('company.ai', 'john')
    assert.ok(memory, 'the memory is stored')
    assert.equal((memory.value as unknown[]).length, 4)
    assert.ok(memory.expiresAt, 'the memory has a TTL')

    const traces = await harness.store.traces.listByExecution(result.execution.id)
    assert.deepEqual(
      traces.map((trace) => trace.kind),
      ['llm-request', 'llm-response', 'llm-request', 'llm-response'],
    )
    assert.equal(JSON.stringify(traces).includes('sk-flow-secret'), false)
    assert.equal(JSON.stringify(result.logs).includes('sk-flow-secret'), false)
  })
})
