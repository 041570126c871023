import assert from 'node:assert/strict'
import { test } from 'node:test'
import { recordOutputs } from './outputs.ts'

test('outputs are keyed by task id, then by each ForEach value', () => {
  const map: Record<string, unknown> = {}
  recordOutputs(map, 'plain', [], { value: 1 })
  recordOutputs(map, 'inner', ['a', 'x'], { value: 'ax' })
  recordOutputs(map, 'inner', ['a', 'y'], { value: 'ay' })
  recordOutputs(map, 'loop', ['__proto__'], { value: 'safe' })
  assert.deepEqual(JSON.parse(JSON.stringify(map)), {
    plain: { value: 1 },
    inner: { a: { x: { value: 'ax' }, y: { value: 'ay' } } },
    loop: JSON.parse('{"__proto__":{"value":"safe"}}'),
  })
  assert.equal(({} as Record<string, unknown>).value, undefined)
})
