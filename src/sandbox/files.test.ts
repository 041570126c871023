import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { SandboxRequestError } from './errors.ts'
import { FileBudget, validateFileName } from './files.ts'

describe('validateFileName', () => {
  it('accepts relative names and nested paths', () => {
    for (const name of ['main.py', 'data/input.csv', 'a/b/c.txt', '.hidden', 'x..y'])
      assert.equal(validateFileName(name), name)
  })
  it('refuses names that escape or confuse the work dir', () => {
    for (const name of [
      '',
      '/etc/passwd',
      '../x',
      'a/../../x',
      'a//b',
      './a',
      'a/.',
      'a\0b',
      'a\nb',
      'a\\b',
      `${'x/'.repeat(20)}y`,
    ]) {
      assert.throws(() => validateFileName(name), SandboxRequestError, JSON.stringify(name))
    }
  })
  it('names the field in the error', () => {
    assert.throws(() => validateFileName('../x'), /files\["\.\.\/x"\]/)
  })
})

describe('FileBudget (zip bomb guard)', () => {
  it('stops at the file count', () => {
    const budget = new FileBudget(2, 1000)
    budget.take('a', 1)
    budget.take('b', 1)
    assert.throws(() => budget.take('c', 1), /more than 2 files/)
  })
  it('stops at the byte total and reports what remains', () => {
    const budget = new FileBudget(10, 100, 'additional_files')
    budget.take('a', 60)
    assert.equal(budget.remainingBytes, 40)
    assert.throws(() => budget.take('b', 41), /additional_files: the files add up to more than 100 bytes/)
  })
})
