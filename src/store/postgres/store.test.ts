import { CONFORMANCE_MAX_FILE_SIZE, runStoreConformance } from '../conformance.ts'
import { openPostgresStore } from './index.ts'
import { createTestSchema, dropTestSchema, TEST_DATABASE_URL } from './test-database.ts'

const schema = await createTestSchema('verity_store')
runStoreConformance('postgres', {
  create: () => openPostgresStore({ url: TEST_DATABASE_URL, schema, maxFileSize: CONFORMANCE_MAX_FILE_SIZE }),
  cleanup: () => dropTestSchema(schema),
})
