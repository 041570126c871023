import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CONFORMANCE_MAX_FILE_SIZE, runStoreConformance } from '../conformance.ts'
import { openSqliteStore } from './index.ts'

const dataDir = await mkdtemp(join(tmpdir(), 'verity-sqlite-store-'))
runStoreConformance('sqlite', {
  create: () => openSqliteStore({ dataDir, maxFileSize: CONFORMANCE_MAX_FILE_SIZE }),
  cleanup: () => rm(dataDir, { recursive: true, force: true }),
})
