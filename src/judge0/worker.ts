import { setMaxListeners } from 'node:events'
import type { Judge0Config } from '../config/judge0.ts'
import type { Store } from '../store/types.ts'
import type { ExtractLimits } from './additional-files.ts'
import { deliverCallback } from './callback.ts'
import { DEFAULT_FIELDS } from './fields.ts'
import type { LanguageCatalog } from './languages.ts'
import { fromRecord, toRecord } from './records.ts'
import { internalErrorResult, runSubmission, type SandboxRunner } from './run-submission.ts'
import { serializeSubmission } from './serialize.ts'
import type { Submission } from './submission.ts'

export interface SubmissionWorkerOptions {
  config: Judge0Config
  store: Pick<Store, 'submissions'>
  sandbox: SandboxRunner
  catalog: LanguageCatalog
  extractLimits: ExtractLimits
  onFinished: (submission: Submission) => void
  fetch?: typeof fetch
  callbackRetryDelayMs?: number
}

/** Runs queued submissions: claims one (1 → 2), runs it in the sandbox, stores the result, calls back. */
export class SubmissionWorker {
  readonly #options: SubmissionWorkerOptions
  readonly #cancel = new AbortController()
  readonly #callbacks = new Set<Promise<unknown>>()
  running = 0
  /** Submissions that ended in Internal Error. */
  failed = 0

  constructor(options: SubmissionWorkerOptions) {
    this.#options = options
    // Every running submission listens on this one signal; a big pool must not trip Node's leak warning.
    setMaxListeners(0, this.#cancel.signal)
  }

  /**
   * Runs one submission. `attempt` is the queue's delivery count: a job delivered again by a durable queue means
   * the worker that claimed it died, so its "Processing" submission is taken over; any other second delivery
   * (restart recovery) finds the claim taken and does nothing.
   */
  async process(token: string, attempt = 1): Promise<void> {
    const { store, catalog, sandbox } = this.#options
    const claimed =
      (await store.submissions.transition(token, 1, 2)) ||
      (attempt > 1 && (await store.submissions.transition(token, 2, 2)))
    if (!claimed) return
    const record = await store.submissions.get(token)
    if (!record) return
    const submission: Submission = { ...fromRecord(record), status_id: 2 }
    this.running++
    try {
      const language = catalog.get(submission.language_id)
      const result = language
        ? await runSubmission(submission, language, sandbox, {
            extractLimits: this.#options.extractLimits,
            signal: this.#cancel.signal,
          })
        : internalErrorResult(`language with id ${submission.language_id} is no longer installed`)
      if (this.#cancel.signal.aborted) {
        // Shutdown cut the run short: back to the queue for the next start instead of a false verdict.
        await store.submissions.transition(token, 2, 1)
        return
      }
      const finished: Submission = { ...submission, ...result }
      if (finished.status_id === 13) this.failed++
      await store.submissions.save(toRecord(finished))
      this.#options.onFinished(finished)
      if (finished.callback_url) this.#callBack(finished, finished.callback_url)
    } finally {
      this.running--
    }
  }

  /** Aborts running sandboxes (shutdown past its grace period). */
  cancelRunning(): void {
    this.#cancel.abort()
  }

  /** Waits for callbacks still being delivered. */
  async settleCallbacks(): Promise<void> {
    await Promise.all(this.#callbacks)
  }

  #callBack(submission: Submission, url: string): void {
    const { config, catalog } = this.#options
    // Judge0 sends the default fields, base64-encoded, whatever the client asked for when submitting.
    const body = serializeSubmission(submission, DEFAULT_FIELDS, true, catalog)
    const delivery = deliverCallback(url, body, {
      maxTries: config.callbacks_max_tries,
      timeoutSeconds: config.callbacks_timeout,
      retryDelayMs: this.#options.callbackRetryDelayMs ?? 1000,
      fetch: this.#options.fetch,
    }).finally(() => this.#callbacks.delete(delivery))
    this.#callbacks.add(delivery)
  }
}
