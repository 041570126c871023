import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import {
  createTestSchema,
  dropTestSchema,
  TEST_DATABASE_URL,
} from '../../src/store/postgres/test-database.ts'
import { finished, type Harness, startHarness } from './harness.ts'

// The same API over the PostgreSQL store (distributed mode's storage), in a private schema.
let harness: Harness
let schema: string
before(async () => {
  schema = await createTestSchema('judge0')
  harness = await startHarness({ store: { type: 'postgres', url: TEST_DATABASE_URL, schema } })
})
after(async () => {
  await harness.close()
  await dropTestSchema(schema)
})

it('stores, runs and serves submissions on PostgreSQL', async () => {
  const waited = await harness.request('/submissions?wait=true&fields=stdout,status', {
    body: { language_id: 71, source_code: 'print("from postgres")' },
  })
  assert.deepEqual(await waited.json(), {
    stdout: 'from postgres\n',
    status: { id: 3, description: 'Accepted' },
  })
  const created = await harness.request('/submissions/batch', {
    body: {
      submissions: [
        { language_id: 71, source_code: 'print(1)' },
        { language_id: 63, source_code: 'console.log(2)' },
      ],
    },
  })
  const tokens = ((await created.json()) as Array<{ token: string }>).map((item) => item.token)
  const results = []
  for (const token of tokens) results.push((await finished(harness, token)).stdout)
  assert.deepEqual(results, ['1\n', '2\n'])
  const statistics = (await (await harness.request('/statistics')).json()) as {
    submissions: { all_time: number }
  }
  assert.equal(statistics.submissions.all_time, 3)
})
