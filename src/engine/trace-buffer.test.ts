import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { MemoryQueue } from '../queue/index.ts'
import { execution, taskRun, uniqueNamespace } from '../store/conformance/fixtures.ts'
import { createStore } from '../store/index.ts'
import type { TraceEventRecord } from '../store/types.ts'
import type { EngineEvent } from './messages.ts'
import { EVENTS_CHANNEL } from './messages.ts'
import { TraceBuffer } from './trace-buffer.ts'

const parent = execution(uniqueNamespace())
const run = taskRun(parent, 'agent')

function event(kind: string): TraceEventRecord {
  return {
    executionId: parent.id,
    taskRunId: run.id,
    kind,
    timestamp: new Date().toISOString(),
    data: { kind },
  }
}

test('buffered trace events are stored in order on flush, then published with their seq', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'verity-trace-buffer-'))
  const store = await createStore({ type: 'sqlite' }, dir)
  const queue = new MemoryQueue()
  try {
    await store.executions.save(parent)
    await store.taskRuns.save(run)
    const published: EngineEvent[] = []
    await queue.listen<EngineEvent>(EVENTS_CHANNEL, (message) => void published.push(message))
    const buffer = new TraceBuffer({ store, queue })
    buffer.add(event('llm-request'))
    buffer.add(event('llm-response'))
    assert.deepEqual(await store.traces.listByExecution(parent.id), [])
    await buffer.flush()
    const stored = await store.traces.listByExecution(parent.id)
    assert.deepEqual(
      stored.map((trace) => trace.kind),
      ['llm-request', 'llm-response'],
    )
    await new Promise((resolve) => setImmediate(resolve))
    assert.deepEqual(
      published.map((message) => (message.type === 'trace' ? [message.trace.kind, message.trace.seq] : [])),
      stored.map((trace) => [trace.kind, trace.seq]),
    )
    await buffer.flush()
    assert.equal((await store.traces.listByExecution(parent.id)).length, 2)
  } finally {
    await queue.close()
    await store.close()
    await rm(dir, { recursive: true, force: true })
  }
})

test('a failed write is thrown by the next flush, once', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'verity-trace-buffer-'))
  const store = await createStore({ type: 'sqlite' }, dir)
  const queue = new MemoryQueue()
  await store.close()
  try {
    const buffer = new TraceBuffer({ store, queue })
    buffer.add(event('tool-call'))
    await assert.rejects(buffer.flush())
    await buffer.flush()
  } finally {
    await queue.close()
    await rm(dir, { recursive: true, force: true })
  }
})
