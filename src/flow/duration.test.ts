import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isDuration, parseDuration } from './duration.ts'

describe('parseDuration', () => {
  it('reads the ISO-8601 durations Kestra users write', () => {
    assert.equal(parseDuration('PT30S'), 30_000)
    assert.equal(parseDuration('PT1M30S'), 90_000)
    assert.equal(parseDuration('PT0.5S'), 500)
    assert.equal(parseDuration('P1DT1H'), 90_000_000)
    assert.equal(parseDuration('P2W'), 2 * 7 * 86_400_000)
    for (const invalid of ['30s', 'P', 'PT', 'PT1X', ''])
      assert.equal(parseDuration(invalid), undefined, invalid)
  })

  it('refuses years and months, which have no fixed length', () => {
    assert.equal(isDuration('P1Y'), false)
    assert.equal(isDuration('P1M'), false)
    assert.equal(isDuration('PT1M'), true)
  })
})
