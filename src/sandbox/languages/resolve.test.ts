import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isUserFacing } from '../../errors.ts'
import type { LanguageDefinition } from '../types.ts'
import { LanguageNotInstalledError, resolveLanguage, UnknownLanguageError } from './resolve.ts'

function fakeLanguage(): LanguageDefinition {
  return {
    id: 'haskell',
    name: 'Haskell (GHC)',
    sourceFile: 'main.hs',
    run: ['./main'],
    judge0Ids: [61],
    requires: ['/usr/bin/ghc'],
    debianPackages: ['ghc'],
    set: 'extended',
  }
}

describe('resolveLanguage', () => {
  it('resolves ids, aliases and Judge0 ids of installed languages, with the version', async () => {
    const python = await resolveLanguage('py')
    assert.equal(python.id, 'python')
    assert.match(python.version ?? '', /^3\./)
    assert.equal((await resolveLanguage(102)).id, 'javascript')
    assert.equal((await resolveLanguage('71')).id, 'python')
  })

  it('refuses an unknown language with a user-facing error naming what is installed', async () => {
    await assert.rejects(resolveLanguage('brainfuck'), (error: unknown) => {
      assert.ok(error instanceof UnknownLanguageError)
      assert.ok(isUserFacing(error))
      assert.match(error.message, /unknown language "brainfuck"; installed: .*python/)
      return true
    })
  })

  it("resolves among a caller's own table with the same rules", async () => {
    const own = { ...fakeLanguage(), aliases: ['hsk'], judge0Ids: [61] }
    assert.equal(await resolveLanguage('HSK', { languages: [own] }), own)
    assert.equal(await resolveLanguage(61, { languages: [own] }), own)
    assert.equal(await resolveLanguage('haskell', { languages: [own] }), own)
    await assert.rejects(resolveLanguage('python', { languages: [own] }), UnknownLanguageError)
  })

  it('without a version only checks that the toolchain exists', async () => {
    const python = await resolveLanguage('python', { version: false })
    assert.equal(python.id, 'python')
    assert.equal(python.version, undefined)
  })

  it('says how to install a known language whose toolchain is missing', () => {
    const error = new LanguageNotInstalledError('hs', fakeLanguage())
    assert.equal(error.code, 'LANGUAGE_NOT_INSTALLED')
    assert.match(
      error.message,
      /"hs" \(Haskell \(GHC\)\) is not installed.*scripts\/setup --all, or apt-get install ghc/,
    )
  })
})
