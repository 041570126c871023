import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { it } from 'node:test'
import { judge0ConfigSchema } from '../../src/config/judge0.ts'
import { serverConfigSchema } from '../../src/config/server.ts'
import { MemoryQueue } from '../../src/queue/index.ts'
import { createSandbox } from '../../src/sandbox/index.ts'
import { createServer } from '../../src/server/index.ts'
import { createStore } from '../../src/store/index.ts'
import { installedLanguages } from './harness.ts'

it('a shutdown past its grace period cancels the running submission and puts it back in the queue', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'verity-judge0-shutdown-'))
  const store = await createStore({ type: 'sqlite' }, dataDir)
  const queue = new MemoryQueue()
  const languages = await installedLanguages(['python'])
  const sandbox = createSandbox({ concurrency: 1, prestart: 0 }, { languages })
  const server = createServer({
    config: {
      server: serverConfigSchema.parse({ port: 0, shutdownTimeout: 0.3 }),
      judge0: judge0ConfigSchema.parse({}),
    },
    store,
    queue,
    sandbox,
    languages,
    concurrency: 1,
    verityVersion: '0.0.0-test',
  })
  try {
    await server.listen()
    const created = await server.app.request('/judge0/submissions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        language_id: 71,
        source_code: 'import time; time.sleep(8)',
        wall_time_limit: 15,
      }),
    })
    const { token } = (await created.json()) as { token: string }
    while ((await store.submissions.get(token))?.statusId !== 2)
      await new Promise((resolve) => setTimeout(resolve, 20))
    const started = Date.now()
    await server.close()
    assert.ok(Date.now() - started < 5000, 'the 8 s program did not hold the shutdown')
    const stored = await store.submissions.get(token)
    assert.equal(stored?.statusId, 1, 'back in the queue for the next start, no false verdict')
    assert.equal(stored?.finishedAt, undefined)
  } finally {
    await sandbox.close()
    await queue.close()
    await store.close()
    await rm(dataDir, { recursive: true, force: true })
  }
})
