import assert from 'node:assert/strict'
import { test } from 'node:test'
import { zipSync } from 'fflate'
import { extractAdditionalFiles } from './additional-files.ts'

const limits = { maxBytes: 10240 * 1024, maxFiles: 1000 }
const text = (value: string) => new TextEncoder().encode(value)

test('extracts every file of a zip, with nested names', () => {
  const archive = zipSync({ 'data.txt': text('1 2 3\n'), lib: { 'util.py': text('X = 1\n') } })
  const result = extractAdditionalFiles(archive, limits)
  assert.ok('files' in result)
  assert.deepEqual(Object.keys(result.files).sort(), ['data.txt', 'lib/util.py'])
  assert.equal(Buffer.from(result.files['lib/util.py'] as Uint8Array).toString(), 'X = 1\n')
})

test('stops a zip bomb at the extraction cap, counting inflated bytes', () => {
  const archive = zipSync({ 'zeros.bin': new Uint8Array(8 * 1024 * 1024) }, { level: 9 })
  assert.ok(archive.length < 64 * 1024, 'the archive itself is small')
  const result = extractAdditionalFiles(archive, { maxBytes: 1024 * 1024, maxFiles: 10 })
  assert.deepEqual(result, { error: 'extracts to more than 1024 KB' })
})

test('refuses too many files and names escaping the working directory', () => {
  const many = Object.fromEntries(Array.from({ length: 5 }, (_, index) => [`f${index}`, text('x')]))
  assert.deepEqual(extractAdditionalFiles(zipSync(many), { maxBytes: 1024, maxFiles: 4 }), {
    error: 'holds more than 4 files',
  })
  const escaping = zipSync({ '../evil': text('x') })
  const result = extractAdditionalFiles(escaping, limits)
  assert.ok('error' in result && result.error.includes('escapes the working directory'))
})

test('refuses bytes that are not a zip archive', () => {
  const result = extractAdditionalFiles(text('definitely not a zip file at all, no sir'), limits)
  assert.ok('error' in result && result.error.startsWith('is not a valid zip archive'))
})
