import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { execution, type StoreHandle, taskRun, uniqueNamespace } from './fixtures.ts'

export function executionCases(handle: StoreHandle): void {
  describe('executions', () => {
    it('saves, replaces, gets and deletes with nested records intact', async () => {
      const record = execution(uniqueNamespace(), {
        labels: { env: 'prod' },
        trigger: { id: 'schedule', type: 'Schedule', variables: { date: '2026-01-01' } },
        engineState: { branch: 'then' },
        parentExecutionId: 'parent-1',
      })
      await handle.store.executions.save(record)
      assert.deepEqual(await handle.store.executions.get(record.id), record)
      const ended = {
        ...record,
        state: { ...record.state, current: 'SUCCESS' as const, endDate: new Date().toISOString() },
        outputs: { answer: 42 },
      }
      await handle.store.executions.save(ended)
      assert.deepEqual(await handle.store.executions.get(record.id), ended)
      assert.equal(await handle.store.executions.delete(record.id), true)
      assert.equal(await handle.store.executions.get(record.id), undefined)
      assert.equal(await handle.store.executions.delete(record.id), false)
    })

    it('filters by namespace prefix, flow, states, dates, labels and parent; pages newest first', async () => {
      const namespace = uniqueNamespace()
      const day = (n: number) => new Date(Date.UTC(2026, 0, n)).toISOString()
      const records = [
        execution(namespace, { startDate: day(1), stateName: 'SUCCESS', labels: { env: 'prod', team: 'a' } }),
        execution(namespace, { startDate: day(2), stateName: 'FAILED', labels: { env: 'dev' } }),
        execution(`${namespace}.child`, { startDate: day(3), flowId: 'other', labels: { env: 'prod' } }),
        execution(namespace, { startDate: day(4), stateName: 'SUCCESS', parentExecutionId: 'p1' }),
      ]
      for (const record of records) await handle.store.executions.save(record)
      const ids = async (filter: Parameters<typeof handle.store.executions.list>[0]) =>
        (await handle.store.executions.list(filter)).results.map((result) =>
          records.indexOf(records.find((candidate) => candidate.id === result.id)!),
        )
      assert.deepEqual(await ids({ namespace }), [3, 2, 1, 0])
      assert.deepEqual(await ids({ namespace: `${namespace}.child` }), [2])
      assert.deepEqual(await ids({ namespace, flowId: 'hello' }), [3, 1, 0])
      assert.deepEqual(await ids({ namespace, states: ['SUCCESS', 'RUNNING'] }), [3, 2, 0])
      assert.deepEqual(await ids({ namespace, startAfter: day(2), startBefore: day(4) }), [2, 1])
      assert.deepEqual(await ids({ namespace, labels: { env: 'prod' } }), [2, 0])
      assert.deepEqual(await ids({ namespace, labels: { env: 'prod', team: 'a' } }), [0])
      assert.deepEqual(await ids({ namespace, labels: { env: 'staging' } }), [])
      assert.deepEqual(await ids({ namespace, parentExecutionId: 'p1' }), [3])
      const page = await handle.store.executions.list({ namespace, page: 2, size: 3 })
      assert.equal(page.total, 4)
      assert.deepEqual(
        page.results.map((result) => result.id),
        [records[0].id],
      )
    })

    it('lists unfinished executions only', async () => {
      const namespace = uniqueNamespace()
      const running = execution(namespace, { stateName: 'RUNNING' })
      const created = execution(namespace, { stateName: 'CREATED' })
      const done = execution(namespace, { stateName: 'WARNING' })
      for (const record of [running, created, done]) await handle.store.executions.save(record)
      const unfinished = (await handle.store.executions.listUnfinished()).filter(
        (record) => record.namespace === namespace,
      )
      assert.deepEqual(unfinished.map((record) => record.id).sort(), [running.id, created.id].sort())
    })
  })

  describe('task runs', () => {
    it('saves, replaces and lists in creation order', async () => {
      const parent = execution(uniqueNamespace())
      await handle.store.executions.save(parent)
      const first = taskRun(parent, 'first')
      const second = {
        ...taskRun(parent, 'second', 1),
        value: 'a',
        parentTaskRunId: first.id,
        branch: 'tasks',
      }
      await handle.store.taskRuns.save(first)
      await handle.store.taskRuns.save(second)
      const finished = {
        ...first,
        state: { ...first.state, current: 'SUCCESS' as const },
        attempts: [{ state: { ...first.state, current: 'SUCCESS' as const }, workerId: 'w1' }],
        outputs: { value: 'hi' },
        engineState: { cursor: 3 },
      }
      await handle.store.taskRuns.save(finished)
      assert.deepEqual(await handle.store.taskRuns.get(first.id), finished)
      assert.deepEqual(await handle.store.taskRuns.listByExecution(parent.id), [finished, second])
      assert.equal(await handle.store.taskRuns.get('missing'), undefined)
    })

    it('saves many at once and goes away with its execution', async () => {
      const parent = execution(uniqueNamespace())
      await handle.store.executions.save(parent)
      const runs = [0, 1, 2].map((index) => taskRun(parent, `task${index}`, index))
      await handle.store.taskRuns.saveMany(runs)
      assert.deepEqual(await handle.store.taskRuns.listByExecution(parent.id), runs)
      await handle.store.executions.delete(parent.id)
      assert.deepEqual(await handle.store.taskRuns.listByExecution(parent.id), [])
    })
  })
}
