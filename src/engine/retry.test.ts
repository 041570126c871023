import assert from 'node:assert/strict'
import { test } from 'node:test'
import { nextRetryDelay } from './retry.ts'

const at = (attempts: number, elapsed = 0) => ({ attempts, firstAttemptStart: 0, now: elapsed })

test('constant: same interval until maxAttempt attempts (first included)', () => {
  const policy = { type: 'constant' as const, interval: 'PT2S', maxAttempt: 3 }
  assert.equal(nextRetryDelay({ policy, ...at(1) }), 2000)
  assert.equal(nextRetryDelay({ policy, ...at(2) }), 2000)
  assert.equal(nextRetryDelay({ policy, ...at(3) }), undefined)
})

test('Kestra spelling maxAttempts is accepted', () => {
  const policy = { type: 'constant', interval: 'PT1S', maxAttempts: 2 } as never
  assert.equal(nextRetryDelay({ policy, ...at(1) }), 1000)
  assert.equal(nextRetryDelay({ policy, ...at(2) }), undefined)
})

test('exponential: interval × delayFactor^(n-1), capped by maxInterval', () => {
  const policy = { type: 'exponential' as const, interval: 'PT1S', maxInterval: 'PT5S', maxAttempt: 10 }
  assert.deepEqual(
    [1, 2, 3, 4].map((attempts) => nextRetryDelay({ policy, ...at(attempts) })),
    [1000, 2000, 4000, 5000],
  )
  const factor3 = { ...policy, delayFactor: 3, maxInterval: undefined }
  assert.equal(nextRetryDelay({ policy: factor3, ...at(3) }), 9000)
})

test('random: between minInterval and maxInterval', () => {
  const policy = { type: 'random' as const, minInterval: 'PT1S', maxInterval: 'PT3S', maxAttempt: 5 }
  assert.equal(nextRetryDelay({ policy, ...at(1), random: () => 0 }), 1000)
  assert.equal(nextRetryDelay({ policy, ...at(1), random: () => 0.5 }), 2000)
})

test('maxDuration stops retries whose next start would fall past it', () => {
  const policy = { type: 'constant' as const, interval: 'PT10S', maxDuration: 'PT25S' }
  assert.equal(nextRetryDelay({ policy, ...at(1, 10_000) }), 10_000)
  assert.equal(nextRetryDelay({ policy, ...at(2, 20_000) }), undefined)
})

test('an invalid duration is a clear error', () => {
  const policy = { type: 'constant' as const, interval: '5 seconds', maxAttempt: 2 }
  assert.throws(() => nextRetryDelay({ policy, ...at(1) }), /Invalid retry.interval "5 seconds"/)
})
