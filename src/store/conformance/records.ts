import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { LogRecord, TraceEventRecord } from '../types.ts'
import { execution, type StoreHandle, taskRun, uniqueNamespace } from './fixtures.ts'

export function recordCases(handle: StoreHandle): void {
  describe('logs', () => {
    it('appends in order, assigns seq and filters by level, task run, task and seq', async () => {
      const parent = execution(uniqueNamespace())
      await handle.store.executions.save(parent)
      const run = taskRun(parent, 'greet')
      const log = (level: LogRecord['level'], message: string, withTask: boolean): LogRecord => ({
        executionId: parent.id,
        namespace: parent.namespace,
        flowId: parent.flowId,
        level,
        message,
        timestamp: new Date().toISOString(),
        ...(withTask ? { taskId: run.taskId, taskRunId: run.id, attemptNumber: 1 } : {}),
      })
      const batch = [
        log('DEBUG', 'starting', false),
        log('INFO', 'hello', true),
        log('WARN', 'careful', true),
        log('ERROR', 'boom', false),
      ]
      await handle.store.logs.append(batch)
      await handle.store.logs.append([])
      const seqs = batch.map((entry) => entry.seq!)
      assert.ok(seqs.every((seq, index) => index === 0 || seq > seqs[index - 1]))
      const all = await handle.store.logs.query({ executionId: parent.id })
      assert.deepEqual(all, batch)
      const messages = async (filter: Omit<Parameters<typeof handle.store.logs.query>[0], 'executionId'>) =>
        (await handle.store.logs.query({ executionId: parent.id, ...filter })).map((entry) => entry.message)
      assert.deepEqual(await messages({ minLevel: 'WARN' }), ['careful', 'boom'])
      assert.deepEqual(await messages({ taskRunId: run.id }), ['hello', 'careful'])
      assert.deepEqual(await messages({ taskId: 'greet', minLevel: 'INFO' }), ['hello', 'careful'])
      assert.deepEqual(await messages({ afterSeq: seqs[1] }), ['careful', 'boom'])
      assert.deepEqual(await messages({ limit: 2 }), ['starting', 'hello'])
      await handle.store.logs.deleteByExecution(parent.id)
      assert.deepEqual(await handle.store.logs.query({ executionId: parent.id }), [])
    })
  })

  describe('trace events', () => {
    it('appends structured events and lists them after a seq', async () => {
      const parent = execution(uniqueNamespace())
      await handle.store.executions.save(parent)
      const run = taskRun(parent, 'agent')
      const events: TraceEventRecord[] = ['llm-request', 'llm-response', 'tool-call'].map((kind, index) => ({
        executionId: parent.id,
        taskRunId: run.id,
        kind,
        timestamp: new Date().toISOString(),
        data: { turn: index, content: [{ type: 'text', text: `é ${kind}` }] },
      }))
      await handle.store.traces.append(events)
      assert.deepEqual(await handle.store.traces.listByExecution(parent.id), events)
      assert.deepEqual(await handle.store.traces.listByExecution(parent.id, events[0].seq), events.slice(1))
      await handle.store.executions.delete(parent.id)
      assert.deepEqual(await handle.store.traces.listByExecution(parent.id), [])
    })
  })

  describe('kv', () => {
    it('sets, gets, replaces, lists and deletes JSON values with the secret flag', async () => {
      const namespace = uniqueNamespace()
      const stored = await handle.store.kv.set({
        namespace,
        key: 'b',
        value: { list: [1, 'two'] },
        secret: false,
      })
      assert.ok(Date.parse(stored.updated) > 0)
      assert.deepEqual(await handle.store.kv.get(namespace, 'b'), stored)
      await handle.store.kv.set({ namespace, key: 'a', value: 'token', secret: true })
      await handle.store.kv.set({ namespace, key: 'b', value: 3, secret: false })
      const listed = await handle.store.kv.list(namespace)
      assert.deepEqual(
        listed.map((entry) => [entry.key, entry.value, entry.secret]),
        [
          ['a', 'token', true],
          ['b', 3, false],
        ],
      )
      assert.equal(await handle.store.kv.get(`${namespace}.other`, 'a'), undefined)
      assert.equal(await handle.store.kv.delete(namespace, 'a'), true)
      assert.equal(await handle.store.kv.delete(namespace, 'a'), false)
      assert.equal(await handle.store.kv.get(namespace, 'a'), undefined)
    })

    it('reads expired entries as absent', async () => {
      const namespace = uniqueNamespace()
      const later = new Date(Date.now() + 3_600_000).toISOString()
      await handle.store.kv.set({
        namespace,
        key: 'past',
        value: 1,
        secret: false,
        expiresAt: '2020-01-01T00:00:00Z',
      })
      const future = await handle.store.kv.set({
        namespace,
        key: 'future',
        value: 2,
        secret: false,
        expiresAt: later,
      })
      assert.equal(future.expiresAt, later)
      assert.equal(await handle.store.kv.get(namespace, 'past'), undefined)
      assert.deepEqual(await handle.store.kv.get(namespace, 'future'), future)
      assert.deepEqual(
        (await handle.store.kv.list(namespace)).map((entry) => entry.key),
        ['future'],
      )
      assert.equal(await handle.store.kv.delete(namespace, 'past'), false)
      await assert.rejects(
        handle.store.kv.set({ namespace, key: 'bad', value: 1, secret: false, expiresAt: 'tomorrow' }),
        { code: 'DATE_INVALID' },
      )
    })
  })
}
