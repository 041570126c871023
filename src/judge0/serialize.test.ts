import assert from 'node:assert/strict'
import { test } from 'node:test'
import { judge0ConfigSchema } from '../config/judge0.ts'
import { createLanguageCatalog } from './languages.ts'
import { NotUtf8Error, serializeSubmission } from './serialize.ts'
import { validateSubmission } from './validate.ts'

const languages = createLanguageCatalog([
  {
    id: 'python',
    name: 'Python',
    version: '3.11.2',
    sourceFile: 'script.py',
    run: ['/usr/bin/python3', 'script.py'],
    judge0Ids: [71, 109],
    requires: [],
    debianPackages: [],
    set: 'core',
  },
])
const created = validateSubmission(
  { language_id: 109, source_code: 'print(1)', cpu_time_limit: '2.5' },
  {
    config: judge0ConfigSchema.parse({}),
    languages,
    base64Encoded: false,
    extractLimits: { maxBytes: 1024, maxFiles: 1 },
    token: 't',
    now: '2030-01-01T00:00:00.000Z',
  },
)
assert.ok('submission' in created)
const submission = {
  ...created.submission,
  status_id: 11,
  stdout: Buffer.from('é\n').toString('base64'),
  message: 'Exited with error status 1',
  time: 0.0123,
  memory: 7000,
}

test('decimals are strings as Rails renders them; language and status are objects', () => {
  const output = serializeSubmission(
    submission,
    ['time', 'cpu_time_limit', 'wall_time_limit', 'memory', 'status', 'language'],
    false,
    languages,
  )
  assert.deepEqual(output, {
    time: '0.012',
    cpu_time_limit: '2.5',
    wall_time_limit: '10.0',
    memory: 7000,
    status: { id: 11, description: 'Runtime Error (NZEC)' },
    language: { id: 109, name: 'Python (3.11.2)' },
  })
})

test('text attributes are UTF-8 text, or base64 (message too) when asked for', () => {
  assert.deepEqual(serializeSubmission(submission, ['stdout', 'message', 'source_code'], false, languages), {
    stdout: 'é\n',
    message: 'Exited with error status 1',
    source_code: 'print(1)',
  })
  assert.deepEqual(serializeSubmission(submission, ['stdout', 'message'], true, languages), {
    stdout: Buffer.from('é\n').toString('base64'),
    message: Buffer.from('Exited with error status 1').toString('base64'),
  })
})

test('bytes that are not UTF-8 raise NotUtf8Error only when requested as text', () => {
  const binary = { ...submission, stdout: Buffer.from([0xc3]).toString('base64') }
  assert.throws(() => serializeSubmission(binary, ['stdout'], false, languages), NotUtf8Error)
  assert.deepEqual(serializeSubmission(binary, ['status_id'], false, languages), { status_id: 11 })
})
