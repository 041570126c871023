/** Hostile inputs: too many or too big request files are refused before anything runs; bombs hit the caps. */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { gunzipSync, gzipSync } from 'node:zlib'
import { FileBudget, SandboxRequestError } from '../../../src/sandbox/index.ts'
import { nextRunIsNormal, run, testSandbox } from '../helpers.ts'

const sandbox = testSandbox({ maxFiles: 50, workdirSize: 8192 })
after(() => sandbox.close())

describe('hostile: input files', () => {
  it('refuses more files than the cap, before running', async () => {
    const files = Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`f${index}.txt`, 'x']))
    await assert.rejects(sandbox.execute({ language: 'bash', source: 'true', files }), SandboxRequestError)
  })

  it('refuses input bytes beyond the work dir size', async () => {
    await assert.rejects(
      sandbox.execute({
        language: 'bash',
        source: 'true',
        files: { 'big.bin': new Uint8Array(9 * 1024 * 1024) },
      }),
      /more than 8388608 bytes/,
    )
  })

  it('a compression bomb is stopped at the budget while inflating (how the Judge0 API unpacks zips)', () => {
    const bomb = gzipSync(Buffer.alloc(256 * 1024 * 1024), { level: 9 })
    assert.ok(bomb.length < 1024 * 1024)
    const budget = new FileBudget(10, 4 * 1024 * 1024, 'additional_files')
    assert.throws(() => gunzipSync(bomb, { maxOutputLength: budget.remainingBytes }), RangeError)
    assert.throws(() => budget.take('bomb.bin', 256 * 1024 * 1024), /additional_files/)
  })

  it('a bomb unpacked inside the sandbox only fills its own small work dir', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 })
    const result = await run(sandbox, {
      language: 'python',
      source:
        'import gzip, shutil\nwith gzip.open("bomb.gz") as src, open("out.bin", "wb") as dst: shutil.copyfileobj(src, dst)',
      files: { 'bomb.gz': bomb },
      limits: { fileSize: 1048576 },
    })
    assert.equal(result.status.id, 11)
    assert.match(result.err, /No space left on device/)
    const next = await nextRunIsNormal(sandbox)
    assert.deepEqual([next.status.id, next.out], [3, 'ok 0 1\n'], next.err)
  })
})
