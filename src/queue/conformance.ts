/**
 * The one behaviour suite every `Queue` backend passes. A backend's test file is three lines:
 *
 * @example
 * runQueueConformance('memory', { create: (onError) => Promise.resolve(new MemoryQueue({ onError })), cleanup })
 */
import assert from 'node:assert/strict'
import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'
import { after, afterEach, beforeEach, describe, it } from 'node:test'
import { eventually } from '../../test/eventually.ts'
import type { QueueErrorHandler } from './errors.ts'
import type { Job, Queue } from './types.ts'

export interface QueueFactory {
  /** A fresh queue reporting handler failures to `onError`. */
  create: (onError: QueueErrorHandler) => Promise<Queue>
  /** Removes what `create` made (a schema…), once every case has closed its queue. */
  cleanup: () => Promise<void>
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((done) => {
    resolve = done
  })
  return { promise, resolve }
}

export function runQueueConformance(name: string, factory: QueueFactory): void {
  describe(`queue conformance: ${name}`, () => {
    let queue: Queue
    let errors: unknown[]
    // A fresh queue name per case keeps cases apart on durable backends.
    let lane: string
    beforeEach(async () => {
      errors = []
      lane = `q-${randomUUID()}`
      queue = await factory.create((error) => errors.push(error))
    })
    afterEach(() => queue.close())
    after(() => factory.cleanup())

    it('delivers jobs in FIFO order with their data, first attempt, and counts waiting jobs', async () => {
      const ids = []
      for (let index = 0; index < 5; index++)
        ids.push(await queue.send(lane, { index, nested: { ok: true } }))
      assert.equal(new Set(ids).size, 5)
      assert.equal(await queue.size(lane), 5)
      assert.equal(await queue.size(`${lane}-other`), 0)
      const seen: Job<{ index: number }>[] = []
      await queue.work<{ index: number; nested: { ok: boolean } }>(lane, async (job) => {
        seen.push(job)
      })
      await eventually(() => seen.length === 5, 'five jobs')
      assert.deepEqual(
        seen.map((job) => job.data),
        [0, 1, 2, 3, 4].map((index) => ({ index, nested: { ok: true } })),
      )
      assert.deepEqual(
        seen.map((job) => job.id),
        ids,
      )
      assert.ok(seen.every((job) => job.attempt === 1 && job.queue === lane))
      await eventually(async () => (await queue.size(lane)) === 0, 'an empty queue')
    })

    it('bounds concurrency per consumer', async () => {
      const gate = deferred()
      let running = 0
      let peak = 0
      let done = 0
      await queue.work(
        lane,
        async () => {
          running++
          peak = Math.max(peak, running)
          await gate.promise
          running--
          done++
        },
        { concurrency: 2 },
      )
      for (let index = 0; index < 6; index++) await queue.send(lane, index)
      await eventually(() => running === 2, 'two running handlers')
      await eventually(async () => (await queue.size(lane)) === 4, 'four waiting jobs')
      gate.resolve()
      await eventually(() => done === 6, 'six jobs done')
      assert.equal(peak, 2)
    })

    it('gives each job to exactly one of competing consumers, and never redelivers a failed one', async () => {
      const handled: number[] = []
      const handler = async (job: Job<number>) => {
        handled.push(job.data)
        if (job.data === 0) throw new Error('handler failed')
      }
      await queue.work(lane, handler, { concurrency: 2 })
      await queue.work(lane, handler, { concurrency: 2 })
      for (let index = 0; index < 20; index++) await queue.send(lane, index)
      await eventually(() => handled.length >= 20, 'twenty jobs')
      await queue.send(lane, 99)
      await eventually(() => handled.includes(99), 'the last job')
      assert.deepEqual(
        handled.filter((value) => value !== 99).sort((a, b) => a - b),
        Array.from({ length: 20 }, (_, index) => index),
      )
      assert.equal(errors.length, 1)
      assert.match(String(errors[0]), /handler failed/)
    })

    it('stops a consumer: it finishes its running job and takes no more', async () => {
      const gate = deferred()
      const started: number[] = []
      const handled: number[] = []
      const subscription = await queue.work<number>(lane, async (job) => {
        started.push(job.data)
        await gate.promise
        handled.push(job.data)
      })
      await queue.send(lane, 1)
      await queue.send(lane, 2)
      // Running, not just claimed: a consumer stopped between the claim and the start hands the job back.
      await eventually(() => started.length === 1, 'one job running')
      const stopped = subscription.stop()
      gate.resolve()
      await stopped
      assert.deepEqual(handled, [1])
      assert.equal(await queue.size(lane), 1)
    })

    it('exclusive consumers: one takes every job, another stands by and takes over when it stops', async () => {
      const handled: string[] = []
      const acquired: string[] = []
      const consumer = (name: string) =>
        queue.work<number>(lane, async (job) => void handled.push(`${name}:${job.data}`), {
          concurrency: 4,
          exclusive: { onAcquired: () => acquired.push(name) },
        })
      const first = await consumer('first')
      await eventually(() => acquired.length === 1, 'the first consumer holding the queue')
      const second = await consumer('second')
      for (let index = 0; index < 4; index++) await queue.send(lane, index)
      await eventually(() => handled.length === 4, 'four jobs handled')
      assert.deepEqual(handled.sort(), ['first:0', 'first:1', 'first:2', 'first:3'])
      await first.stop()
      await queue.send(lane, 4)
      await eventually(() => handled.length === 5, 'the fifth job handled')
      assert.equal(handled[4], 'second:4')
      assert.deepEqual(acquired, ['first', 'second'])
      await second.stop()
    })

    it('fans events out to every listener of a channel until they stop', async () => {
      const first: unknown[] = []
      const second: unknown[] = []
      const subscription = await queue.listen(lane, (event) => first.push(event))
      await queue.listen(lane, (event) => second.push(event))
      await queue.listen(`${lane}-other`, () => assert.fail('wrong channel'))
      await queue.publish(lane, { state: 'RUNNING' })
      await eventually(() => first.length === 1 && second.length === 1, 'both listeners')
      assert.deepEqual(first, [{ state: 'RUNNING' }])
      await subscription.stop()
      await queue.publish(lane, { state: 'SUCCESS' })
      await eventually(() => second.length === 2, 'the second event')
      assert.deepEqual(first, [{ state: 'RUNNING' }])
      assert.deepEqual(second, [{ state: 'RUNNING' }, { state: 'SUCCESS' }])
    })

    it('runs handlers in the async context of work/listen, not of send/publish', async () => {
      // What keeps a job sent inside a store transaction from running inside that transaction.
      const context = new AsyncLocalStorage<string>()
      const seen: (string | undefined)[] = []
      await context.run('consumer', () =>
        queue.work(lane, async () => {
          seen.push(context.getStore())
        }),
      )
      await context.run('listener', () => queue.listen(lane, () => seen.push(context.getStore())))
      await context.run('sender', () => queue.send(lane, 1))
      await context.run('sender', () => queue.publish(lane, 2))
      await eventually(() => seen.length === 2, 'the job and the event')
      assert.deepEqual(seen.sort(), ['consumer', 'listener'])
    })

    it('closes after running handlers settle and refuses new jobs', async () => {
      let finished = false
      await queue.work(lane, async () => {
        await new Promise((resolve) => setTimeout(resolve, 30))
        finished = true
      })
      await queue.send(lane, 'slow')
      await eventually(async () => (await queue.size(lane)) === 0, 'the job picked up')
      await queue.close()
      assert.equal(finished, true)
      await assert.rejects(queue.send(lane, 'late'), { code: 'QUEUE_CLOSED' })
    })
  })
}
