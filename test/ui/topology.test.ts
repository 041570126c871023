import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { flowGraph } from '../../ui/src/flow/topology.ts'

const log = (id: string) => ({ id, type: 'io.kestra.plugin.core.log.Log' })

describe('flowGraph (the editor topology)', () => {
  it('chains tasks from start to end', () => {
    const { nodes, edges } = flowGraph({ tasks: [log('a'), log('b')] })
    assert.deepEqual(
      nodes.map((node) => node.id),
      ['start', 'task:a', 'task:b', 'end'],
    )
    assert.deepEqual(
      edges.map((edge) => edge.id),
      ['start->task:a', 'task:a->task:b', 'task:b->end'],
    )
  })

  it('lays branches side by side, labels them, and joins their ends to the next task', () => {
    const { nodes, edges } = flowGraph({
      tasks: [
        // biome-ignore lint/suspicious/noThenProperty: Kestra's If task has a `then` list.
        { id: 'check', type: 'io.kestra.plugin.core.flow.If', then: [log('yes')], else: [log('no')] },
        log('after'),
      ],
    })
    const yes = nodes.find((node) => node.id === 'task:yes')
    const no = nodes.find((node) => node.id === 'task:no')
    assert.equal(yes?.position.y, no?.position.y)
    assert.notEqual(yes?.position.x, no?.position.x)
    assert.equal(nodes.find((node) => node.id === 'task:check')?.data.kind, 'flowable')
    assert.equal(edges.find((edge) => edge.id === 'task:check->task:yes')?.label, 'then')
    assert.equal(edges.find((edge) => edge.id === 'task:check->task:no')?.label, 'else')
    assert.ok(edges.some((edge) => edge.id === 'task:yes->task:after'))
    assert.ok(edges.some((edge) => edge.id === 'task:no->task:after'))
  })

  it('marks a loop body, Switch cases, and the flow errors and finally lists', () => {
    const { nodes, edges } = flowGraph({
      tasks: [
        { id: 'each', type: 'io.kestra.plugin.core.flow.ForEach', tasks: [log('body')] },
        {
          id: 'pick',
          type: 'io.kestra.plugin.core.flow.Switch',
          cases: { fr: [log('bonjour')] },
          defaults: [log('hi')],
        },
      ],
      errors: [log('alert')],
      finally: [log('cleanup')],
    })
    assert.equal(edges.find((edge) => edge.id === 'task:each->task:body')?.label, 'each')
    assert.equal(edges.find((edge) => edge.id === 'task:pick->task:bonjour')?.label, 'fr')
    assert.equal(edges.find((edge) => edge.id === 'task:pick->task:hi')?.label, 'default')
    assert.equal(edges.find((edge) => edge.id === 'end->task:alert')?.label, 'on error')
    assert.equal(nodes.find((node) => node.id === 'task:alert')?.data.kind, 'errors')
    assert.equal(edges.find((edge) => edge.id === 'end->task:cleanup')?.label, 'finally')
  })
})
