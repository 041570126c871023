import type { Submission } from './submission.ts'

/**
 * Requests waiting for submissions to finish (`wait=true`), by token. The worker that finishes a submission in
 * this process settles them directly; a `judge0.finished` event settles those whose submission finished in
 * another process.
 */
export class Waiters {
  readonly #pending = new Map<string, Set<(submission: Submission | undefined) => void>>()

  /** Resolves with the finished submission, or `undefined` after `timeoutMs` or when {@link releaseAll} runs. */
  wait(token: string, timeoutMs: number): Promise<Submission | undefined> {
    return new Promise((resolve) => {
      const waiters = this.#pending.get(token) ?? new Set()
      this.#pending.set(token, waiters)
      const settle = (submission: Submission | undefined) => {
        clearTimeout(timer)
        waiters.delete(settle)
        if (waiters.size === 0 && this.#pending.get(token) === waiters) this.#pending.delete(token)
        resolve(submission)
      }
      const timer = setTimeout(() => settle(undefined), timeoutMs)
      waiters.add(settle)
    })
  }

  has(token: string): boolean {
    return this.#pending.has(token)
  }

  settle(submission: Submission): void {
    for (const settle of [...(this.#pending.get(submission.token) ?? [])]) settle(submission)
  }

  /** Lets every waiting request answer with what is stored now (used on shutdown). */
  releaseAll(): void {
    for (const waiters of [...this.#pending.values()]) for (const settle of [...waiters]) settle(undefined)
  }
}
