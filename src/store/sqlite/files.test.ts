import assert from 'node:assert/strict'
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { openSqliteStore } from './index.ts'

const root = await mkdtemp(join(tmpdir(), 'verity-sqlite-files-'))
const dataDir = join(root, 'data')
const outside = join(root, 'outside')
await mkdir(outside)
await writeFile(join(outside, 'secret.txt'), 'do not read')
const store = await openSqliteStore({ dataDir })
after(async () => {
  await store.close()
  await rm(root, { recursive: true, force: true })
})

describe('sqlite files on disk', () => {
  it('stores bytes under <dataDir>/storage/<namespace>/<executionId>/<name>', async () => {
    await store.files.put('company.team', 'exec1', 'dir/out.txt', new TextEncoder().encode('hello'))
    assert.equal(
      await readFile(join(dataDir, 'storage', 'company.team', 'exec1', 'dir', 'out.txt'), 'utf8'),
      'hello',
    )
  })

  it('never follows a symbolic link planted in the storage tree', async () => {
    await mkdir(join(dataDir, 'storage', 'company'), { recursive: true })
    await symlink(outside, join(dataDir, 'storage', 'company', 'linked'))
    await assert.rejects(store.files.put('company', 'linked', 'x.txt', new Uint8Array([1])), {
      code: 'FILE_PATH_UNSAFE',
    })
    await assert.rejects(store.files.get('verity:///company/linked/secret.txt'), { code: 'FILE_PATH_UNSAFE' })
    await mkdir(join(dataDir, 'storage', 'company', 'exec2'), { recursive: true })
    await symlink(join(outside, 'secret.txt'), join(dataDir, 'storage', 'company', 'exec2', 'file.txt'))
    await assert.rejects(store.files.get('verity:///company/exec2/file.txt'), { code: 'FILE_NOT_FOUND' })
    await store.files.put('company', 'exec2', 'file.txt', new Uint8Array([2]))
    assert.equal(await readFile(join(outside, 'secret.txt'), 'utf8'), 'do not read')
    assert.deepEqual(await store.files.get('verity:///company/exec2/file.txt'), new Uint8Array([2]))
    await store.files.deleteByExecution('exec2')
    assert.equal(await readFile(join(outside, 'secret.txt'), 'utf8'), 'do not read')
  })
})
