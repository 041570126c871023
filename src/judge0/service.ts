import { randomUUID } from 'node:crypto'
import type { Judge0Config } from '../config/judge0.ts'
import type { Queue, Subscription } from '../queue/types.ts'
import type { LanguageDefinition } from '../sandbox/types.ts'
import type { Page, Store } from '../store/types.ts'
import type { ExtractLimits } from './additional-files.ts'
import { createLanguageCatalog, type LanguageCatalog } from './languages.ts'
import { fromRecord, toRecord } from './records.ts'
import type { SandboxRunner } from './run-submission.ts'
import type { Submission } from './submission.ts'
import { type FieldErrors, validateSubmission } from './validate.ts'
import { Waiters } from './waiters.ts'
import { SubmissionWorker } from './worker.ts'

/** Queue of submission jobs (`{ token }`), consumed with concurrency = the sandbox pool size. */
export const SUBMISSIONS_QUEUE = 'judge0.submissions'
/** Event published when a submission finished (`{ token }`), for `wait=true` requests in other processes. */
export const FINISHED_CHANNEL = 'judge0.finished'

export interface Judge0ServiceOptions {
  config: Judge0Config
  store: Pick<Store, 'submissions'>
  queue: Queue
  sandbox: SandboxRunner
  /** Installed languages of the sandbox registry. */
  languages: readonly LanguageDefinition[]
  /** Submissions run at once: the sandbox pool size. */
  concurrency: number
  /** Most files `additional_files` may hold: the sandbox's `maxFiles`. Default 256. */
  maxExtractFiles?: number
  /** For callbacks; default global fetch. */
  fetch?: typeof fetch
  /** Pause between callback attempts, × attempt number. Default 1000 ms. */
  callbackRetryDelayMs?: number
}

export type CreateOutcome = { submission: Submission } | { errors: FieldErrors }

/**
 * The Judge0 API's behaviour, independent of HTTP: validates and stores submissions, queues them, runs them
 * through the worker, waits for results, recovers unfinished submissions on start.
 */
export class Judge0Service {
  readonly config: Judge0Config
  readonly languages: LanguageCatalog
  readonly concurrency: number
  readonly #options: Judge0ServiceOptions
  readonly #waiters = new Waiters()
  readonly #worker: SubmissionWorker
  readonly #extractLimits: ExtractLimits
  #subscriptions: Subscription[] = []

  constructor(options: Judge0ServiceOptions) {
    this.#options = options
    this.config = options.config
    this.concurrency = options.concurrency
    this.languages = createLanguageCatalog(options.languages)
    this.#extractLimits = {
      maxBytes: options.config.max_extract_size * 1024,
      maxFiles: options.maxExtractFiles ?? 256,
    }
    this.#worker = new SubmissionWorker({
      ...options,
      catalog: this.languages,
      extractLimits: this.#extractLimits,
      onFinished: (submission) => this.#finished(submission),
    })
  }

  /**
   * `api`: hears of submissions finished by any process (for `wait=true`). `worker`: re-queues submissions a
   * previous run left unfinished, then runs submissions from the queue.
   */
  async start(roles: { api: boolean; worker: boolean } = { api: true, worker: true }): Promise<void> {
    const { queue, store } = this.#options
    if (roles.api) {
      this.#subscriptions.push(
        await queue.listen<{ token: string }>(
          FINISHED_CHANNEL,
          (event) => void this.#finishedElsewhere(event.token),
        ),
      )
    }
    if (!roles.worker) return
    // A durable queue still holds every unfinished submission's job (and delivers a dead worker's again); the
    // in-process one lost them with the previous process, so they are queued anew.
    if (!queue.durable) {
      for (const record of await store.submissions.listUnfinished()) {
        // Status 2 means a run was cut short (crash, kill): it starts over.
        if (record.statusId === 2) await store.submissions.transition(record.token, 2, 1)
        await queue.send(SUBMISSIONS_QUEUE, { token: record.token })
      }
    }
    this.#subscriptions.push(
      await queue.work<{ token: string }>(
        SUBMISSIONS_QUEUE,
        (job) => this.#worker.process(job.data.token, job.attempt),
        { concurrency: this.concurrency },
      ),
    )
  }

  /**
   * Stops consuming and lets running submissions finish; after `timeoutMs` the rest are cancelled and put back
   * in the queue (status 1) for the next start. Waiting requests then answer with what is stored.
   */
  async stop(timeoutMs: number): Promise<void> {
    const stopping = Promise.all(this.#subscriptions.map((subscription) => subscription.stop()))
    this.#subscriptions = []
    const timer = setTimeout(() => this.#worker.cancelRunning(), timeoutMs)
    await stopping
    clearTimeout(timer)
    this.#waiters.releaseAll()
    await this.#worker.settleCallbacks()
  }

  /** True when `count` more submissions would exceed `max_queue_size` (Judge0 answers 503). */
  async isQueueFull(count: number): Promise<boolean> {
    return (await this.#options.queue.size(SUBMISSIONS_QUEUE)) + count > this.config.max_queue_size
  }

  /** Validates, stores and queues one submission; with `wait`, resolves once it finished (or `wait_timeout`). */
  async create(body: unknown, options: { base64Encoded: boolean; wait?: boolean }): Promise<CreateOutcome> {
    const outcome = validateSubmission(body, {
      config: this.config,
      languages: this.languages,
      base64Encoded: options.base64Encoded,
      extractLimits: this.#extractLimits,
      token: randomUUID(),
      now: new Date().toISOString(),
    })
    if ('errors' in outcome) return outcome
    const { submission } = outcome
    await this.#options.store.submissions.save(toRecord(submission))
    if (!options.wait) {
      await this.#options.queue.send(SUBMISSIONS_QUEUE, { token: submission.token })
      return outcome
    }
    // Registered before queueing, so even an instant result cannot be missed.
    const finished = this.#waiters.wait(submission.token, this.config.wait_timeout * 1000)
    await this.#options.queue.send(SUBMISSIONS_QUEUE, { token: submission.token })
    return { submission: (await finished) ?? (await this.get(submission.token)) ?? submission }
  }

  /** Creates each submission of a batch on its own: valid ones are queued even when others are invalid. */
  async createBatch(bodies: unknown[], base64Encoded: boolean): Promise<CreateOutcome[]> {
    const outcomes: CreateOutcome[] = []
    for (const body of bodies) outcomes.push(await this.create(body, { base64Encoded }))
    return outcomes
  }

  async get(token: string): Promise<Submission | undefined> {
    const record = await this.#options.store.submissions.get(token)
    return record && fromRecord(record)
  }

  /** The submissions of `tokens`, in the same order, `undefined` where a token is unknown. */
  async getMany(tokens: string[]): Promise<Array<Submission | undefined>> {
    const records = await this.#options.store.submissions.getMany(tokens)
    const byToken = new Map(records.map((record) => [record.token, fromRecord(record)]))
    return tokens.map((token) => byToken.get(token))
  }

  async list(page: number, perPage: number): Promise<Page<Submission>> {
    const result = await this.#options.store.submissions.list({ page, size: perPage })
    return { results: result.results.map(fromRecord), total: result.total }
  }

  async delete(token: string): Promise<boolean> {
    return this.#options.store.submissions.delete(token)
  }

  statistics(since: string[]) {
    return this.#options.store.submissions.statistics(since)
  }

  /** Judge0's `/workers` figures for this process. */
  async workers() {
    const size = await this.#options.queue.size(SUBMISSIONS_QUEUE)
    const working = this.#worker.running
    return {
      queue: SUBMISSIONS_QUEUE,
      size,
      available: this.concurrency,
      idle: this.concurrency - working,
      working,
      paused: 0,
      failed: this.#worker.failed,
    }
  }

  #finished(submission: Submission): void {
    this.#waiters.settle(submission)
    void this.#options.queue.publish(FINISHED_CHANNEL, { token: submission.token }).catch(() => undefined)
  }

  async #finishedElsewhere(token: string): Promise<void> {
    if (!this.#waiters.has(token)) return
    const submission = await this.get(token)
    if (submission) this.#waiters.settle(submission)
  }
}
