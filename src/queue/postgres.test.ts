import { createTestSchema, dropTestSchema, TEST_DATABASE_URL } from '../store/postgres/test-database.ts'
import { runQueueConformance } from './conformance.ts'
import { PostgresQueue } from './postgres.ts'

const schema = await createTestSchema('verity_queue')
runQueueConformance('postgres', {
  create: (onError) => PostgresQueue.open({ url: TEST_DATABASE_URL, schema, onError, pollIntervalMs: 200 }),
  cleanup: () => dropTestSchema(schema),
})
