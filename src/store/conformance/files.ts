import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { describe, it } from 'node:test'
import { type StoreHandle, uniqueNamespace } from './fixtures.ts'

export function fileCases(handle: StoreHandle, maxFileSize: number): void {
  describe('files', () => {
    it('puts, replaces, gets and deletes files by execution', async () => {
      const namespace = uniqueNamespace()
      const executionId = randomUUID()
      const bytes = new Uint8Array([0, 1, 2, 255])
      const uri = await handle.store.files.put(namespace, executionId, 'out/data file.bin', bytes)
      assert.equal(uri, `verity:///${namespace}/${executionId}/out/data%20file.bin`)
      assert.deepEqual(await handle.store.files.get(uri), bytes)
      await handle.store.files.put(namespace, executionId, 'out/data file.bin', new Uint8Array([7]))
      assert.deepEqual(await handle.store.files.get(uri), new Uint8Array([7]))
      const other = await handle.store.files.put(namespace, randomUUID(), 'kept.txt', new Uint8Array([1]))
      await handle.store.files.deleteByExecution(executionId)
      await assert.rejects(handle.store.files.get(uri), { code: 'FILE_NOT_FOUND' })
      assert.deepEqual(await handle.store.files.get(other), new Uint8Array([1]))
    })

    it('refuses unsafe names, bad URIs and files above the size cap', async () => {
      const namespace = uniqueNamespace()
      for (const name of ['../escape', 'a/../../b', '/absolute', 'back\\slash', '', 'a//b', 'nul\u0000']) {
        await assert.rejects(handle.store.files.put(namespace, 'e1', name, new Uint8Array([1])), {
          code: 'FILE_NAME_INVALID',
        })
      }
      await assert.rejects(handle.store.files.put('../up', 'e1', 'x', new Uint8Array([1])), {
        code: 'FILE_NAME_INVALID',
      })
      await assert.rejects(handle.store.files.put(namespace, '..', 'x', new Uint8Array([1])), {
        code: 'FILE_NAME_INVALID',
      })
      await assert.rejects(handle.store.files.get(`verity:///${namespace}/e1/..%2F..%2Fetc%2Fpasswd`), {
        code: 'FILE_NAME_INVALID',
      })
      await assert.rejects(handle.store.files.get('file:///etc/passwd'), { code: 'FILE_URI_INVALID' })
      await assert.rejects(handle.store.files.get(`verity:///${namespace}/e1/missing`), {
        code: 'FILE_NOT_FOUND',
      })
      await assert.rejects(handle.store.files.put(namespace, 'e1', 'big', new Uint8Array(maxFileSize + 1)), {
        code: 'FILE_TOO_LARGE',
      })
    })
  })
}
