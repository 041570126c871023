import assert from 'node:assert/strict'
import { test } from 'node:test'
import { MASK, SecretMasker } from './masker.ts'

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

test('a secret with quotes is also masked in its JSON-escaped form', () => {
  const masker = new SecretMasker()
  masker.add('a"b\\c')
  assert.equal(masker.mask(JSON.stringify({ value: 'a"b\\c' })), `{"value":"${MASK}"}`)
})

test('regex metacharacters in secrets are literal', () => {
  const masker = new SecretMasker()
  masker.add('p.s+w*(d)')
  assert.equal(masker.mask('p.s+w*(d) pXsswd'), `${MASK} pXsswd`)
})
