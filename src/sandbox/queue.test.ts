import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { SandboxBusyError } from './errors.ts'
import { ConcurrencyQueue } from './queue.ts'

function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((done) => {
    resolve = done
  })
  return { promise, resolve }
}

describe('ConcurrencyQueue', () => {
  it('runs at most `concurrency` tasks at once, in FIFO order', async () => {
    const queue = new ConcurrencyQueue(2, 10)
    const gates = [deferred(), deferred(), deferred()]
    const started: number[] = []
    const runs = gates.map((gate, index) =>
      queue.run(async () => {
        started.push(index)
        await gate.promise
        return index
      }),
    )
    await new Promise((resolve) => setImmediate(resolve))
    assert.deepEqual(started, [0, 1])
    assert.deepEqual(queue.stats, { running: 2, waiting: 1 })
    gates[0]?.resolve()
    await runs[0]
    await new Promise((resolve) => setImmediate(resolve))
    assert.deepEqual(started, [0, 1, 2])
    gates[1]?.resolve()
    gates[2]?.resolve()
    assert.deepEqual(await Promise.all(runs), [0, 1, 2])
    assert.deepEqual(queue.stats, { running: 0, waiting: 0 })
  })

  it('refuses with SandboxBusyError when the wait queue is full', async () => {
    const queue = new ConcurrencyQueue(1, 1)
    const gate = deferred()
    const first = queue.run(() => gate.promise)
    const second = queue.run(async () => 'second')
    await assert.rejects(
      queue.run(async () => 'third'),
      (error: unknown) => {
        assert.ok(error instanceof SandboxBusyError)
        assert.equal(error.code, 'SANDBOX_BUSY')
        return true
      },
    )
    gate.resolve()
    await first
    assert.equal(await second, 'second')
  })

  it('frees the slot when a task throws', async () => {
    const queue = new ConcurrencyQueue(1, 0)
    await assert.rejects(
      queue.run(async () => Promise.reject(new Error('x'))),
      /x/,
    )
    assert.equal(await queue.run(async () => 1), 1)
  })

  it('drops a waiter whose signal aborts', async () => {
    const queue = new ConcurrencyQueue(1, 5)
    const gate = deferred()
    const first = queue.run(() => gate.promise)
    const controller = new AbortController()
    const waiting = queue.run(async () => 'never', controller.signal)
    controller.abort(new Error('cancelled'))
    await assert.rejects(waiting, /cancelled/)
    assert.equal(queue.stats.waiting, 0)
    gate.resolve()
    await first
  })
})
