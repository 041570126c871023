/**
 * Distributed Judge0: a worker process dies while it runs a submission. The durable queue delivers the job again
 * once the dead worker's lock lapses, and another worker takes the "Processing" submission over and finishes it.
 * A worker starting later re-queues nothing itself (that would run live workers' submissions twice).
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { after, before, it } from 'node:test'
import pg from 'pg'
import { judge0ConfigSchema } from '../../src/config/judge0.ts'
import { Judge0Service } from '../../src/judge0/index.ts'
import { fromRecord } from '../../src/judge0/records.ts'
import { PostgresQueue } from '../../src/queue/postgres.ts'
import { createSandbox } from '../../src/sandbox/index.ts'
import { createStore } from '../../src/store/index.ts'
import {
  createTestSchema,
  dropTestSchema,
  TEST_DATABASE_URL,
} from '../../src/store/postgres/test-database.ts'
import type { Store } from '../../src/store/types.ts'
import { eventually } from '../eventually.ts'
import { installedLanguages } from './harness.ts'

let schema: string
before(async () => {
  schema = await createTestSchema('verity_judge0_death')
})
after(() => dropTestSchema(schema))

it('a submission whose worker process died is finished by another worker', { timeout: 60_000 }, async () => {
  const modules = {
    store: new URL('../../src/store/index.ts', import.meta.url).href,
    queue: new URL('../../src/queue/postgres.ts', import.meta.url).href,
    sandbox: new URL('../../src/sandbox/index.ts', import.meta.url).href,
    judge0: new URL('../../src/judge0/index.ts', import.meta.url).href,
    config: new URL('../../src/config/judge0.ts', import.meta.url).href,
    harness: new URL('./harness.ts', import.meta.url).href,
  }
  // The doomed worker: holds its jobs for 1 s at a time, so its death is noticed quickly.
  const script = `
    const { createStore } = await import('${modules.store}')
    const { PostgresQueue } = await import('${modules.queue}')
    const { createSandbox } = await import('${modules.sandbox}')
    const { Judge0Service } = await import('${modules.judge0}')
    const { judge0ConfigSchema } = await import('${modules.config}')
    const { installedLanguages } = await import('${modules.harness}')
    const shared = { url: ${JSON.stringify(TEST_DATABASE_URL)}, schema: '${schema}' }
    const store = await createStore({ type: 'postgres', ...shared }, '.')
    const queue = await PostgresQueue.open({ ...shared, expireSeconds: 1 })
    const languages = await installedLanguages(['python'])
    const sandbox = createSandbox({ concurrency: 1, prestart: 0 }, { languages })
    const service = new Judge0Service({ config: judge0ConfigSchema.parse({}), store, queue, sandbox, languages, concurrency: 1 })
    await service.start({ api: false, worker: true })
    process.stdout.write('ready\\n')`
  const doomed = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let printed = ''
  doomed.stdout.on('data', (chunk) => {
    printed += chunk
  })
  const languages = await installedLanguages(['python'])
  const shared = { url: TEST_DATABASE_URL, schema }
  const store: Store = await createStore({ type: 'postgres', ...shared }, '.')
  const queue = await PostgresQueue.open({ ...shared, pollIntervalMs: 100 })
  const sandbox = createSandbox({ concurrency: 1, prestart: 0 }, { languages })
  const service = new Judge0Service({
    config: judge0ConfigSchema.parse({}),
    store,
    queue,
    sandbox,
    languages,
    concurrency: 1,
  })
  try {
    await eventually(() => printed.includes('ready'), 'the doomed worker to start', 20_000)
    await service.start({ api: true, worker: false })
    const outcome = await service.create(
      { language_id: 71, source_code: 'import time\ntime.sleep(1.5)\nprint("finished")' },
      { base64Encoded: false },
    )
    assert.ok('submission' in outcome, JSON.stringify(outcome))
    const { token } = outcome.submission
    await eventually(
      async () => (await store.submissions.get(token))?.statusId === 2,
      'the doomed worker to claim the submission',
      20_000,
    )
    doomed.kill('SIGKILL')
    // The survivor starts its worker now: it must not re-queue the submission itself, only take over the job.
    await service.stop(1000)
    await service.start({ api: true, worker: true })
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
    await client.connect()
    const jobs = await client.query(`SELECT attempt FROM ${schema}.queue_jobs WHERE data->>'token' = $1`, [
      token,
    ])
    await client.end()
    assert.equal(jobs.rows.length, 1, 'the submission is not queued a second time')
    const finished = await eventually(
      async () => {
        const record = await store.submissions.get(token)
        return record && record.statusId > 2 ? record : undefined
      },
      'the submission to finish',
      20_000,
    )
    assert.equal(finished.statusId, 3)
    assert.equal(Buffer.from(fromRecord(finished).stdout ?? '', 'base64').toString(), 'finished\n')
  } finally {
    doomed.kill('SIGKILL')
    await service.stop(1000)
    await queue.close()
    await sandbox.close()
    await store.close()
  }
})
