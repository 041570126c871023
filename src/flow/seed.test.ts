import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { createDefaultRegistry } from '../plugins/index.ts'
import { parseFlow, walkTasks } from './index.ts'

// The seed flows (examples/, copied verbatim from the seed) against the real plugins Verity ships.
const registry = createDefaultRegistry()
const read = (file: string) => readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8')

describe('seed flows', () => {
  it('calculator_agent parses with its provider and CodeExecution tool', () => {
    const flow = parseFlow(read('calculator_agent.yaml'), {
      file: 'examples/calculator_agent.yaml',
      registry,
    })
    assert.equal(`${flow.namespace}.${flow.id}`, 'company.ai.calculator_agent')
    assert.deepEqual(flow.inputs, [{ id: 'nr', type: 'INT', defaults: 1764, required: true }])
    const [agent] = flow.tasks
    assert.equal(agent.type, 'io.kestra.plugin.ai.agent.AIAgent')
    assert.deepEqual(agent.provider, {
      type: 'io.kestra.plugin.ai.provider.GoogleGemini',
      apiKey: "{{kv('GEMINI_API_KEY')}}",
      modelName: 'gemini-2.5-flash',
    })
    assert.deepEqual(agent.tools, [
      { type: 'io.kestra.plugin.ai.tool.CodeExecution', apiKey: "{{kv('RAPID_API_KEY')}}" },
    ])
  })

  it('sha256_comparison parses with two agents', () => {
    const flow = parseFlow(read('sha256_comparison.yaml'), {
      file: 'examples/sha256_comparison.yaml',
      registry,
    })
    assert.deepEqual(
      walkTasks(flow, registry).map((entry) => `${entry.path} ${entry.task.id}`),
      ['tasks[0] llm_hash', 'tasks[1] judge0_hash'],
    )
  })

  it('global pluginDefaults reach the seed providers (forced ones override the flow)', () => {
    const flow = parseFlow(read('sha256_comparison.yaml'), {
      file: 'examples/sha256_comparison.yaml',
      registry,
      pluginDefaults: [
        { type: 'io.kestra.plugin.ai.provider', values: { modelName: 'gemini-2.5-pro' }, forced: true },
      ],
    })
    for (const task of flow.tasks)
      assert.equal((task.provider as { modelName: string }).modelName, 'gemini-2.5-pro')
  })
})
