import assert from 'node:assert/strict'
import { execFile, spawn } from 'node:child_process'
import { after, describe, it } from 'node:test'
import { promisify } from 'node:util'
import pg from 'pg'
import { eventually } from '../../test/eventually.ts'
import { createTestSchema, dropTestSchema, TEST_DATABASE_URL } from '../store/postgres/test-database.ts'
import { PostgresQueue } from './postgres.ts'
import type { Job } from './types.ts'

const schema = await createTestSchema('verity_queue_recovery')
after(() => dropTestSchema(schema))

const open = (options: Partial<Parameters<typeof PostgresQueue.open>[0]> = {}) =>
  PostgresQueue.open({ url: TEST_DATABASE_URL, schema, pollIntervalMs: 100, expireSeconds: 1, ...options })

function nextJob<T>(queue: PostgresQueue, lane: string): Promise<Job<T>> {
  return new Promise((resolve) => {
    void queue.work<T>(lane, async (job) => resolve(job))
  })
}

describe('postgres queue durability', () => {
  it('redelivers the job of a worker process that died while running it', async () => {
    const sender = await open()
    const id = await sender.send('crash', { step: 1 })
    await sender.close()
    // A real process takes the job and dies without settling it.
    const script = `
      const { PostgresQueue } = await import(${JSON.stringify(new URL('./postgres.ts', import.meta.url).href)})
      const queue = await PostgresQueue.open({ url: ${JSON.stringify(TEST_DATABASE_URL)}, schema: '${schema}', expireSeconds: 1 })
      await queue.work('crash', async (job) => { process.stdout.write(job.id); process.exit(9) })`
    const crashed = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]).catch(
      (error) => error,
    )
    assert.equal(crashed.code, 9)
    assert.equal(crashed.stdout, id)
    const survivor = await open()
    const job = await nextJob<{ step: number }>(survivor, 'crash')
    assert.deepEqual([job.id, job.attempt, job.data], [id, 2, { step: 1 }])
    await survivor.close()
  })

  it('keeps a long-running job locked while its worker is alive', async () => {
    const first = await open()
    const second = await open()
    const deliveries: number[] = []
    let finish!: () => void
    const finished = new Promise<void>((resolve) => {
      finish = resolve
    })
    const slow = async (job: Job<unknown>) => {
      deliveries.push(job.attempt)
      await new Promise((resolve) => setTimeout(resolve, 2500))
      finish()
    }
    await first.work('slow', slow)
    await first.send('slow', 'long')
    while (deliveries.length === 0) await new Promise((resolve) => setTimeout(resolve, 20))
    // The lock (1 s) lapses twice over during the run unless the first worker renews it.
    await second.work('slow', slow)
    await finished
    await new Promise((resolve) => setTimeout(resolve, 300))
    assert.deepEqual(deliveries, [1])
    assert.equal(await second.size('slow'), 0)
    await Promise.all([first.close(), second.close()])
  })

  it('hands an exclusive queue to a standby when the holding process dies', async () => {
    // A real process holds the queue, takes one job, then is killed without closing anything.
    const script = `
      const { PostgresQueue } = await import(${JSON.stringify(new URL('./postgres.ts', import.meta.url).href)})
      const queue = await PostgresQueue.open({ url: ${JSON.stringify(TEST_DATABASE_URL)}, schema: '${schema}' })
      await queue.work('leader', async (job) => { process.stdout.write('took ' + job.data + '\\n') },
        { exclusive: { onAcquired: () => process.stdout.write('holding\\n') } })`
    const holder = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let printed = ''
    holder.stdout.on('data', (chunk) => {
      printed += chunk
    })
    await eventually(() => printed.includes('holding'), 'the child holding the queue', 10_000)
    const standby = await open()
    const taken: unknown[] = []
    await standby.work('leader', async (job) => void taken.push(job.data), {
      exclusive: { onAcquired: () => taken.push('acquired') },
    })
    await standby.send('leader', 1)
    await eventually(() => printed.includes('took 1'), 'the holder taking the job', 10_000)
    assert.deepEqual(taken, [])
    holder.kill('SIGKILL')
    await standby.send('leader', 2)
    await eventually(() => taken.length === 2, 'the standby taking over', 10_000)
    assert.deepEqual(taken, ['acquired', 2])
    await standby.close()
  })

  it('gives up on a job after maxAttempts dead workers and reports it', async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
    await client.connect()
    await client.query(
      `INSERT INTO ${schema}.queue_jobs (id, queue, data, state, attempt, worker_id, locked_until)
       VALUES (gen_random_uuid(), 'doomed', '{}', 'active', 3, 'dead', now() - interval '1 minute')`,
    )
    const errors: unknown[] = []
    const queue = await open({ maxAttempts: 3, onError: (error) => errors.push(error) })
    const delivered: unknown[] = []
    await queue.work('doomed', async (job) => {
      delivered.push(job)
    })
    const deadline = Date.now() + 5000
    while (errors.length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20))
    assert.match(String(errors[0]), /abandoned after 3 attempts/)
    assert.deepEqual(delivered, [])
    const { rows } = await client.query(`SELECT state FROM ${schema}.queue_jobs WHERE queue = 'doomed'`)
    assert.deepEqual(rows, [{ state: 'failed' }])
    await client.end()
    await queue.close()
  })

  it('fans out events above the NOTIFY size limit, in publish order', async () => {
    const publisher = await open()
    const subscriber = await open()
    const received: unknown[] = []
    await subscriber.listen('big', (event) => received.push(event))
    const large = { text: 'x'.repeat(20_000) }
    await publisher.publish('big', large)
    await publisher.publish('big', { text: 'small' })
    const deadline = Date.now() + 5000
    while (received.length < 2 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20))
    assert.deepEqual(received, [large, { text: 'small' }])
    await Promise.all([publisher.close(), subscriber.close()])
  })
})
