import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { test } from 'node:test'
import { verifyPassword } from '../../src/server/api/index.ts'

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname

test('verity hash-password prints a hash the server accepts; an empty stdin is a user error', () => {
  const result = spawnSync(process.execPath, [MAIN, 'hash-password'], {
    input: 'lovelace\n',
    encoding: 'utf8',
  })
  assert.equal(result.status, 0, result.stderr)
  assert.equal(verifyPassword('lovelace', result.stdout.trim()), true)
  const empty = spawnSync(process.execPath, [MAIN, 'hash-password'], { input: '', encoding: 'utf8' })
  assert.equal(empty.status, 2)
  assert.match(empty.stderr, /no password on stdin/)
})
