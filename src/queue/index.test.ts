import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { createTestSchema, dropTestSchema, TEST_DATABASE_URL } from '../store/postgres/test-database.ts'
import { createQueue } from './index.ts'

const schema = await createTestSchema('verity_queue_factory')
after(() => dropTestSchema(schema))

describe('createQueue', () => {
  it('opens the in-process queue by default and the PostgreSQL one on request', async () => {
    const memory = await createQueue({ type: 'memory' })
    assert.equal(memory.kind, 'memory')
    await memory.close()
    const durable = await createQueue({ type: 'postgres', url: TEST_DATABASE_URL, schema })
    assert.equal(durable.kind, 'postgres')
    await durable.close()
  })

  it('explains a missing URL or an unreachable server', async () => {
    await assert.rejects(createQueue({ type: 'postgres' }), { code: 'QUEUE_CONFIG', message: /queue\.url/ })
    await assert.rejects(createQueue({ type: 'postgres', url: 'postgres://postgres@127.0.0.1:1/test' }), {
      code: 'QUEUE_UNREACHABLE',
    })
  })
})
