import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseFlow } from './index.ts'
import { applyPluginDefaults, matchesTypePrefix, orderPluginDefaults } from './plugin-defaults.ts'
import { testRegistry } from './testing/plugins.ts'
import type { PluginDefault } from './types.ts'

const entry = (type: string, values: Record<string, unknown>, forced = false): PluginDefault => ({
  type,
  values,
  forced,
})

describe('applyPluginDefaults', () => {
  it('matches by type prefix on dot boundaries', () => {
    assert.equal(matchesTypePrefix('io.kestra.plugin.ai.provider.OpenAI', 'io.kestra.plugin.ai'), true)
    assert.equal(
      matchesTypePrefix('io.kestra.plugin.ai.provider.OpenAI', 'io.kestra.plugin.ai.provider.OpenAI'),
      true,
    )
    assert.equal(matchesTypePrefix('io.kestra.plugin.aix.Thing', 'io.kestra.plugin.ai'), false)
    assert.equal(matchesTypePrefix('io.kestra.plugin.ai', 'io.kestra.plugin.ai.provider'), false)
  })

  it('non-forced values fill only what the object does not set, maps merged deeply, lists replaced', () => {
    const result = applyPluginDefaults(
      { type: 'a.b.C', model: 'mine', options: { temperature: 1 }, stop: ['x'] },
      [
        entry('a.b', {
          model: 'theirs',
          apiKey: 'k',
          options: { temperature: 0, topP: 0.5 },
          stop: ['y', 'z'],
        }),
      ],
    )
    assert.deepEqual(result, {
      type: 'a.b.C',
      model: 'mine',
      apiKey: 'k',
      options: { temperature: 1, topP: 0.5 },
      stop: ['x'],
    })
  })

  it('forced values override the object', () => {
    const result = applyPluginDefaults({ type: 'a.b.C', model: 'mine', options: { temperature: 1 } }, [
      entry('a', { model: 'forced', options: { seed: 7 } }, true),
    ])
    assert.deepEqual(result, { type: 'a.b.C', model: 'forced', options: { temperature: 1, seed: 7 } })
  })

  it('flow defaults win over global non-forced ones; global forced ones win over everything', () => {
    const ordered = orderPluginDefaults(
      [entry('a', { x: 'flow', y: 'flow' }), entry('a', { z: 'flow-forced' }, true)],
      [
        entry('a.b', { x: 'global', w: 'global' }),
        entry('a', { y: 'global-forced', z: 'global-forced' }, true),
      ],
    )
    assert.deepEqual(applyPluginDefaults({ type: 'a.b.C' }, ordered), {
      type: 'a.b.C',
      x: 'flow',
      w: 'global',
      y: 'global-forced',
      z: 'global-forced',
    })
  })

  it('within one level the more specific prefix wins', () => {
    const ordered = orderPluginDefaults([entry('a', { x: 'general' }), entry('a.b.C', { x: 'specific' })])
    assert.deepEqual(applyPluginDefaults({ type: 'a.b.C' }, ordered), { type: 'a.b.C', x: 'specific' })
  })

  it('never changes the type and leaves the input untouched', () => {
    const object = { type: 'a.B', nested: { k: 1 } }
    const result = applyPluginDefaults(object, [entry('a', { type: 'evil.Type', nested: { j: 2 } }, true)])
    assert.equal(result.type, 'a.B')
    assert.deepEqual(object, { type: 'a.B', nested: { k: 1 } })
  })
})

describe('pluginDefaults in parseFlow', () => {
  const registry = testRegistry()

  it('apply to tasks at any depth and to nested components, before validation', () => {
    const yaml = `id: f
namespace: company.team
tasks:
  - id: check
    type: test.core.flow.If
    condition: x
    then:
      - id: agent
        type: test.ai.Agent
        prompt: p
        provider:
          type: test.ai.provider.Fake
          modelName: own-model
pluginDefaults:
  - type: test.ai.provider
    values: { apiKey: "{{ secret('KEY') }}", modelName: default-model }
  - type: test.ai.Agent
    forced: true
    values: { tools: [{ type: test.ai.tool.Calculator }] }
`
    const global = [
      entry('test.ai.tool', { precision: 4 }),
      entry('test.ai.provider.Fake', { temperature: 0.2 }),
    ]
    const flow = parseFlow(yaml, { file: 'f.yaml', registry, pluginDefaults: global })
    const agent = (flow.tasks[0].then as Array<Record<string, unknown>>)[0]
    assert.deepEqual(agent.provider, {
      type: 'test.ai.provider.Fake',
      modelName: 'own-model',
      apiKey: "{{ secret('KEY') }}",
      temperature: 0.2,
    })
    assert.deepEqual(agent.tools, [{ type: 'test.ai.tool.Calculator', precision: 4 }])
  })

  it('a default that brings a required property makes a flow valid; a forced bad value makes it invalid', () => {
    const yaml = 'id: f\nnamespace: n\ntasks:\n  - id: a\n    type: test.core.log.Log\n'
    assert.throws(() => parseFlow(yaml, { file: 'f.yaml', registry }), /missing required property 'message'/)
    parseFlow(yaml, { file: 'f.yaml', registry, pluginDefaults: [entry('test.core', { message: 'hi' })] })
    assert.throws(
      () =>
        parseFlow(yaml, {
          file: 'f.yaml',
          registry,
          pluginDefaults: [entry('test.core', { level: 'LOUD' }, true)],
        }),
      /f\.yaml:4:5: .*expected "INFO" or "WARN", got 'LOUD' \(at tasks\[0\]\.level\)/s,
    )
  })
})
