/**
 * The one behaviour suite every `Store` backend passes. A backend's test file is three lines:
 *
 * @example
 * import { runStoreConformance } from '../conformance.ts'
 * runStoreConformance('sqlite', { create: () => openSqliteStore({ dataDir }), cleanup: () => rm(dataDir) })
 */
import { after, before, describe } from 'node:test'
import { executionCases } from './conformance/executions.ts'
import { fileCases } from './conformance/files.ts'
import type { StoreHandle } from './conformance/fixtures.ts'
import { flowCases } from './conformance/flows.ts'
import { recordCases } from './conformance/records.ts'
import { submissionCases } from './conformance/submissions.ts'
import { transactionCases } from './conformance/transactions.ts'

/** `files.put` cap the backend under test must be created with. */
export const CONFORMANCE_MAX_FILE_SIZE = 1024

export interface StoreFactory {
  /** A fresh, empty store with `maxFileSize` = `CONFORMANCE_MAX_FILE_SIZE`. */
  create: () => Promise<import('./types.ts').Store>
  /** Removes what `create` made (temp dir, schema), after the store is closed. */
  cleanup: () => Promise<void>
}

export function runStoreConformance(name: string, factory: StoreFactory): void {
  describe(`store conformance: ${name}`, () => {
    const handle = {} as StoreHandle
    before(async () => {
      handle.store = await factory.create()
    })
    after(async () => {
      await handle.store?.close()
      await factory.cleanup()
    })
    flowCases(handle)
    executionCases(handle)
    recordCases(handle)
    fileCases(handle, CONFORMANCE_MAX_FILE_SIZE)
    transactionCases(handle)
    submissionCases(handle)
  })
}
