import assert from 'node:assert/strict'
import { test } from 'node:test'
import { serverConfigSchema } from '../../config/server.ts'
import { hashPassword, verifyPassword } from './auth.ts'

test('scrypt password hashes verify the right password only', () => {
  const hash = hashPassword('correct horse')
  assert.match(hash, /^scrypt\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/)
  assert.notEqual(hashPassword('correct horse'), hash, 'a fresh salt each time')
  assert.equal(verifyPassword('correct horse', hash), true)
  assert.equal(verifyPassword('correct horse!', hash), false)
  assert.equal(verifyPassword('correct horse', 'plain-text'), false)
})

test('server.auth refuses a plain password and a short token, naming the field', () => {
  const plain = serverConfigSchema.safeParse({ auth: { users: [{ username: 'ada', password: 'lovelace' }] } })
  assert.equal(plain.success, false)
  assert.deepEqual(plain.error?.issues[0]?.path, ['auth', 'users', 0, 'password'])
  const short = serverConfigSchema.safeParse({ auth: { tokens: ['abc'] } })
  assert.deepEqual(short.error?.issues[0]?.path, ['auth', 'tokens', 0])
  const defaults = serverConfigSchema.parse({})
  assert.deepEqual(defaults.auth, { users: [], tokens: [] })
  assert.equal(defaults.seedExamples, true)
})
