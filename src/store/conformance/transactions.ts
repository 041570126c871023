import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { execution, type StoreHandle, taskRun, uniqueNamespace } from './fixtures.ts'

export function transactionCases(handle: StoreHandle): void {
  describe('transactions', () => {
    it('commits every write of the work together', async () => {
      const parent = execution(uniqueNamespace())
      const run = taskRun(parent, 'a')
      const result = await handle.store.transaction(async () => {
        await handle.store.executions.save(parent)
        await handle.store.taskRuns.save(run)
        return 'done'
      })
      assert.equal(result, 'done')
      assert.deepEqual(await handle.store.taskRuns.listByExecution(parent.id), [run])
    })

    it('rolls everything back on throw, nested transactions included', async () => {
      const namespace = uniqueNamespace()
      const parent = execution(namespace)
      await assert.rejects(
        handle.store.transaction(async () => {
          await handle.store.executions.save(parent)
          await handle.store.transaction(async () => {
            await handle.store.taskRuns.save(taskRun(parent, 'a'))
            await handle.store.kv.set({ namespace, key: 'k', value: 1, secret: false })
          })
          await new Promise((resolve) => setTimeout(resolve, 5))
          throw new Error('abort')
        }),
        /abort/,
      )
      assert.equal(await handle.store.executions.get(parent.id), undefined)
      assert.deepEqual(await handle.store.taskRuns.listByExecution(parent.id), [])
      assert.equal(await handle.store.kv.get(namespace, 'k'), undefined)
    })

    it('keeps writes made outside a running transaction out of it', async () => {
      const namespace = uniqueNamespace()
      let entered!: () => void
      const inside = new Promise<void>((resolve) => {
        entered = resolve
      })
      const failing = handle.store.transaction(async () => {
        await handle.store.kv.set({ namespace, key: 'inside', value: 1, secret: false })
        entered()
        await new Promise((resolve) => setTimeout(resolve, 20))
        throw new Error('abort')
      })
      await inside
      const outside = handle.store.kv.set({ namespace, key: 'outside', value: 2, secret: false })
      await assert.rejects(failing, /abort/)
      await outside
      assert.deepEqual(
        (await handle.store.kv.list(namespace)).map((entry) => entry.key),
        ['outside'],
      )
    })
  })
}
