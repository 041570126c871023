/**
 * The Judge0 area's public face: a Judge0 CE 1.13–compatible API over the sandbox, the store and the queue.
 *
 * @example
 * const judge0 = new Judge0Service({ config, store, queue, sandbox, languages, concurrency: 2 })
 * await judge0.start()
 * server.route('/judge0', createJudge0App(judge0, { verityVersion }))
 */
export { createJudge0App } from './app.ts'
export type { Judge0Language, LanguageCatalog } from './languages.ts'
export type { SandboxRunner } from './run-submission.ts'
export {
  type CreateOutcome,
  FINISHED_CHANNEL,
  Judge0Service,
  type Judge0ServiceOptions,
  SUBMISSIONS_QUEUE,
} from './service.ts'
export type { Submission } from './submission.ts'
export { splitWords, WordSplitError } from './word-split.ts'
