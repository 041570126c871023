import assert from 'node:assert/strict'
import { test } from 'node:test'
import { outputsMatch } from './run-submission.ts'

const bytes = (text: string) => Buffer.from(text, 'latin1')
const match = (expected: string, actual: string) => outputsMatch(bytes(expected), bytes(actual))

test('trailing blanks per line and trailing newlines are ignored, as in Judge0', () => {
  assert.ok(match('1 2\n3', '1 2   \n3\t\n\n\n'))
  assert.ok(match('a\r\nb\r\n', 'a\nb'))
  assert.ok(match('', '\n \n'))
})

test('leading blanks, inner blank lines and different characters count', () => {
  assert.ok(!match('1', ' 1'))
  assert.ok(!match('a\nb', 'a\n\nb'))
  assert.ok(!match('a b', 'a  b'))
})

test('bytes that are not UTF-8 compare exactly', () => {
  assert.ok(outputsMatch(Buffer.from([0xff, 0x0a]), Buffer.from([0xff])))
  assert.ok(!outputsMatch(Buffer.from([0xff]), Buffer.from([0xfe])))
})
