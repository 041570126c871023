import { VerityError } from '../errors.ts'
import type { WorkOptions } from './types.ts'

/** A queue misuse or backend failure: closed queue, bad concurrency, unreachable database. */
export class QueueError extends VerityError {}

/** Reports handler failures; the queue itself never rethrows them. */
export type QueueErrorHandler = (
  error: unknown,
  context: { queue?: string; channel?: string; jobId?: string },
) => void

/** The default {@link QueueErrorHandler}: the failure and where it happened, on stderr. */
export const reportToStderr: QueueErrorHandler = (error, context) => {
  const where = context.queue
    ? `queue "${context.queue}" job ${context.jobId}`
    : `channel "${context.channel}"`
  process.stderr.write(
    `verity: handler failed on ${where}: ${error instanceof Error ? error.stack : String(error)}\n`,
  )
}

/** The `concurrency` of `work` (default 1); anything but a positive integer is a caller's mistake. */
export function workConcurrency(options: WorkOptions): number {
  const concurrency = options.concurrency ?? 1
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new QueueError('QUEUE_CONCURRENCY', `concurrency must be a positive integer, got ${concurrency}`)
  }
  return concurrency
}
