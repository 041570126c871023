import type { RetryPolicy } from '../flow/types.ts'
import { durationMs } from './duration.ts'

/**
 * Kestra's retry policies as a pure decision: after a failed attempt, is there another one, and after how long?
 * - `constant`: every `interval`.
 * - `exponential`: `interval × delayFactor^(n-1)` (delayFactor default 2), capped at `maxInterval`.
 * - `random`: uniformly between `minInterval` and `maxInterval`.
 * `maxAttempt` counts every attempt, the first included; `maxDuration` bounds the time from the first attempt's
 * start to the start of the next one. Without either limit a policy never gives up, as in Kestra, so the flow
 * validator requires one of them in practice; we still stop at 100 attempts as a safety net.
 */

export interface RetryQuestion {
  policy: RetryPolicy
  /** Attempts made so far (1 after the first failure). */
  attempts: number
  /** When the first attempt started (epoch ms). */
  firstAttemptStart: number
  /** Now (epoch ms). */
  now: number
  /** Source of randomness in [0, 1) for `random`; injectable for tests. */
  random?: () => number
}

const SAFETY_MAX_ATTEMPTS = 100

/** Kestra spells it `maxAttempts` in newer versions; accept both. */
export function maxAttemptsOf(policy: RetryPolicy): number | undefined {
  return policy.maxAttempt ?? (policy as { maxAttempts?: number }).maxAttempts
}

/** Delay in ms before the next attempt, or `undefined` when the policy is exhausted. */
export function nextRetryDelay(question: RetryQuestion): number | undefined {
  const { policy, attempts } = question
  const maxAttempts = maxAttemptsOf(policy) ?? SAFETY_MAX_ATTEMPTS
  if (attempts >= Math.min(maxAttempts, SAFETY_MAX_ATTEMPTS)) return undefined
  const delay = delayFor(question)
  if (policy.maxDuration !== undefined) {
    const limit = durationMs(policy.maxDuration, 'retry.maxDuration')
    if (question.now + delay - question.firstAttemptStart > limit) return undefined
  }
  return delay
}

function delayFor({ policy, attempts, random = Math.random }: RetryQuestion): number {
  const interval = optionalDuration(policy.interval, 'retry.interval') ?? 0
  const maxInterval = optionalDuration(policy.maxInterval, 'retry.maxInterval')
  switch (policy.type) {
    case 'constant':
      return interval
    case 'exponential': {
      const factor = policy.delayFactor ?? 2
      const delay = interval * factor ** (attempts - 1)
      return maxInterval === undefined ? delay : Math.min(delay, maxInterval)
    }
    case 'random': {
      const min = optionalDuration(policy.minInterval, 'retry.minInterval') ?? 0
      const max = maxInterval ?? Math.max(min, interval)
      return Math.round(min + random() * Math.max(0, max - min))
    }
  }
}

function optionalDuration(text: string | undefined, what: string): number | undefined {
  return text === undefined ? undefined : durationMs(text, what)
}
