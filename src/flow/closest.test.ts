import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { closestMatches, editDistance } from './closest.ts'

const coreTypes = [
  'io.kestra.plugin.core.log.Log',
  'io.kestra.plugin.core.flow.If',
  'io.kestra.plugin.core.flow.ForEach',
  'io.kestra.plugin.core.debug.Return',
  'io.kestra.plugin.core.execution.Fail',
  'io.kestra.plugin.core.kv.Set',
  'io.kestra.plugin.core.kv.Get',
]

describe('closestMatches', () => {
  const table: Array<[string, readonly string[], string[]]> = [
    ['io.kestra.plugin.core.log.Lgo', coreTypes, ['io.kestra.plugin.core.log.Log']],
    ['io.kestra.plugin.core.lg.Log', coreTypes, ['io.kestra.plugin.core.log.Log']],
    ['Return', coreTypes, ['io.kestra.plugin.core.debug.Return']],
    ['io.kestra.plugin.core.flow.Foreach', coreTypes, ['io.kestra.plugin.core.flow.ForEach']],
    ['io.kestra.plugin.core.kv.Sett', coreTypes, ['io.kestra.plugin.core.kv.Set']],
    ['com.example.Nothing', coreTypes, []],
    ['promt', ['prompt', 'provider', 'tools'], ['prompt']],
    ['modelname', ['modelName', 'apiKey'], ['modelName']],
    ['x', ['prompt', 'provider'], []],
  ]
  for (const [name, candidates, expected] of table) {
    it(`${name} → ${expected.join(', ') || 'nothing'}`, () => {
      assert.deepEqual(closestMatches(name, candidates, 3), expected)
    })
  }

  it('counts a swap of neighbours as one edit, ignoring case', () => {
    assert.equal(editDistance('Lgo', 'Log'), 1)
    assert.equal(editDistance('ABC', 'abc'), 0)
    assert.equal(editDistance('', 'abc'), 3)
  })
})

it('on a tie between a name and an alias, the name closer as a whole comes first', () => {
  const candidates = ['io.kestra.core.tasks.log.Log', 'io.kestra.plugin.core.log.Log']
  assert.deepEqual(closestMatches('io.kestra.plugin.core.log.Lgo', candidates), [
    'io.kestra.plugin.core.log.Log',
    'io.kestra.core.tasks.log.Log',
  ])
})
