import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type StoreHandle, uniqueNamespace } from './fixtures.ts'

export function flowCases(handle: StoreHandle): void {
  describe('flows', () => {
    const flow = (namespace: string, source: string) => ({
      namespace,
      id: 'hello',
      source,
      labels: { team: 'data' },
      disabled: false,
      description: 'Says hello',
    })

    it('saves a new revision only when the source changes', async () => {
      const namespace = uniqueNamespace()
      const first = await handle.store.flows.save(flow(namespace, 'v1'))
      assert.equal(first.revision, 1)
      assert.equal(first.deleted, false)
      assert.deepEqual(first.labels, { team: 'data' })
      assert.equal((await handle.store.flows.save(flow(namespace, 'v1'))).revision, 1)
      const second = await handle.store.flows.save(flow(namespace, 'v2'))
      assert.equal(second.revision, 2)
      assert.equal((await handle.store.flows.get(namespace, 'hello'))?.source, 'v2')
      assert.equal((await handle.store.flows.get(namespace, 'hello', 1))?.source, 'v1')
      assert.equal(await handle.store.flows.get(namespace, 'hello', 3), undefined)
      const revisions = await handle.store.flows.revisions(namespace, 'hello')
      assert.deepEqual(
        revisions.map((revision) => [revision.revision, revision.source, revision.description]),
        [
          [1, 'v1', 'Says hello'],
          [2, 'v2', 'Says hello'],
        ],
      )
    })

    it('numbers concurrent saves of a new flow without collisions', async () => {
      const namespace = uniqueNamespace()
      const saved = await Promise.all(
        ['a', 'b', 'c', 'd'].map((source) => handle.store.flows.save(flow(namespace, source))),
      )
      assert.deepEqual(saved.map((record) => record.revision).sort(), [1, 2, 3, 4])
    })

    it('hides deleted flows and revives them with a new revision', async () => {
      const namespace = uniqueNamespace()
      await handle.store.flows.save(flow(namespace, 'v1'))
      assert.equal(await handle.store.flows.delete(namespace, 'hello'), true)
      assert.equal(await handle.store.flows.delete(namespace, 'hello'), false)
      assert.equal(await handle.store.flows.delete(namespace, 'missing'), false)
      assert.equal(await handle.store.flows.get(namespace, 'hello'), undefined)
      assert.equal((await handle.store.flows.get(namespace, 'hello', 1))?.deleted, true)
      assert.equal((await handle.store.flows.list({ namespace })).total, 0)
      const revived = await handle.store.flows.save(flow(namespace, 'v1'))
      assert.equal(revived.revision, 2)
      assert.equal((await handle.store.flows.get(namespace, 'hello'))?.revision, 2)
    })

    it('lists the latest revision per flow, by namespace prefix and text, with paging', async () => {
      const namespace = uniqueNamespace()
      for (const id of ['a', 'b', 'c']) {
        await handle.store.flows.save({ namespace, id, source: `${id}1`, labels: {}, disabled: false })
      }
      await handle.store.flows.save({ namespace, id: 'a', source: 'a2', labels: {}, disabled: true })
      await handle.store.flows.save({
        namespace: `${namespace}.child`,
        id: 'd',
        source: 'd1',
        labels: {},
        disabled: false,
        description: 'the 100%_special one',
      })
      await handle.store.flows.save({
        namespace: `${namespace}x`,
        id: 'e',
        source: 'e1',
        labels: {},
        disabled: false,
      })
      const all = await handle.store.flows.list({ namespace })
      assert.equal(all.total, 4)
      assert.deepEqual(
        all.results.map((record) => [record.id, record.revision]),
        [
          ['a', 2],
          ['b', 1],
          ['c', 1],
          ['d', 1],
        ],
      )
      assert.equal(all.results[0].disabled, true)
      const page = await handle.store.flows.list({ namespace, page: 2, size: 3 })
      assert.equal(page.total, 4)
      assert.deepEqual(
        page.results.map((record) => record.id),
        ['d'],
      )
      const searched = await handle.store.flows.list({ namespace, q: '100%_' })
      assert.deepEqual(
        searched.results.map((record) => record.id),
        ['d'],
      )
      assert.equal((await handle.store.flows.list({ namespace, q: '0%x' })).total, 0)
    })
  })
}
