import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DEFAULT_FIELDS, invalidFieldsError, parseFields, SUBMISSION_FIELDS } from './fields.ts'

test('absent or blank fields give Judge0 defaults; * gives everything', () => {
  assert.deepEqual(parseFields(undefined), { fields: DEFAULT_FIELDS })
  assert.deepEqual(parseFields(' , '), { fields: DEFAULT_FIELDS })
  assert.deepEqual(parseFields('*'), { fields: SUBMISSION_FIELDS })
  assert.deepEqual(parseFields('stdout,*'), { fields: SUBMISSION_FIELDS })
})

test('keeps the requested order, trims blanks, drops duplicates', () => {
  assert.deepEqual(parseFields(' status , stdout,status'), { fields: ['status', 'stdout'] })
})

test('unknown names are reported in Judge0 wording', () => {
  const parsed = parseFields('stdout,foo,bar')
  assert.deepEqual(parsed, { invalid: ['foo', 'bar'] })
  assert.deepEqual(invalidFieldsError(['foo', 'bar']), { error: 'invalid fields: [foo, bar]' })
})
