import assert from 'node:assert/strict'
import { test } from 'node:test'
import { MASK, MIN_SUBSTRING_SECRET_LENGTH, SecretMasker } from './masker.ts'

test('masks every registered secret, longest first, in text and nested data', () => {
  const masker = new SecretMasker()
  assert.equal(masker.mask('nothing registered'), 'nothing registered')
  masker.add('hunter2')
  masker.add('hunter2-extended')
  masker.add('ab')
  assert.equal(masker.mask('pw=hunter2-extended or hunter2; ab stays'), `pw=${MASK} or ${MASK}; ab stays`)
  assert.deepEqual(masker.maskDeep({ list: ['x hunter2'], nested: { hunter2: 1, n: 5 } }), {
    list: [`x ${MASK}`],
    nested: { [MASK]: 1, n: 5 },
  })
})

test('a short secret is not masked inside words, but never printed as a whole value', () => {
  assert.equal(MIN_SUBSTRING_SECRET_LENGTH, 4)
  const masker = new SecretMasker()
  masker.add('k')
  masker.add('abc')
  assert.equal(masker.mask('task timed out'), 'task timed out')
  assert.equal(masker.mask('abcdef is not the key'), 'abcdef is not the key')
  assert.equal(masker.mask('k'), MASK)
  assert.equal(masker.mask('abc'), MASK)
  assert.deepEqual(masker.maskDeep({ apiKey: 'k', note: 'kept', abc: ['abc', 'x abc'] }), {
    apiKey: MASK,
    note: 'kept',
    [MASK]: [MASK, 'x abc'],
  })
  // Serialized data: a JSON string equal to the secret is a whole value.
  assert.equal(
    masker.mask(JSON.stringify({ apiKey: 'k', task: 'task', other: 'kk' })),
    `{"apiKey":"${MASK}","task":"task","other":"kk"}`,
  )
})

test('a secret at the minimum length is masked wherever it appears', () => {
  const masker = new SecretMasker()
  masker.add('abcd')
  assert.equal(masker.mask('xabcdx'), `x${MASK}x`)
})

test('a secret with quotes is also masked in its JSON-escaped form', () => {
  const masker = new SecretMasker()
  masker.add('a"b\\c')
  assert.equal(masker.mask(JSON.stringify({ value: 'a"b\\c' })), `{"value":"${MASK}"}`)
})

test('a short secret with a quote is masked as a whole JSON value too', () => {
  const masker = new SecretMasker()
  masker.add('"')
  assert.equal(
    masker.mask(JSON.stringify({ value: '"', other: 'say "hi"' })),
    `{"value":"${MASK}","other":"say \\"hi\\""}`,
  )
})

test('regex metacharacters in secrets are literal', () => {
  const masker = new SecretMasker()
  masker.add('p.s+w*(d)')
  assert.equal(masker.mask('p.s+w*(d) pXsswd'), `${MASK} pXsswd`)
})

test('an empty secret masks nothing', () => {
  const masker = new SecretMasker()
  masker.add('')
  assert.equal(masker.size, 0)
  assert.equal(masker.mask(''), '')
})
