/**
 * A flow's `concurrency` (Kestra's): at most `limit` executions of the flow run at once; one more is QUEUED until
 * a running one ends, or CANCELLED or FAILED, as `behavior` says. The executor asks here when an execution would
 * start and when one ends; deciding one message at a time is what makes the count exact.
 */
import type { Flow } from '../flow/types.ts'
import type { ExecutionRecord, ExecutionRepository, ExecutionState, LogLevel } from '../store/types.ts'

/** Execution states that count against the limit. */
const ACTIVE_STATES: ExecutionState[] = ['RUNNING', 'PAUSED', 'RETRYING', 'KILLING']

export type ConcurrencyVerdict =
  | { start: true }
  | { start: false; state: 'QUEUED' | 'CANCELLED' | 'FAILED'; level: LogLevel; message: string }

/** Whether `execution` may start now under its flow's `concurrency`, and if not, what becomes of it. */
export async function checkConcurrency(
  executions: ExecutionRepository,
  execution: ExecutionRecord,
  concurrency: Flow['concurrency'],
): Promise<ConcurrencyVerdict> {
  if (!concurrency) return { start: true }
  const running = await executionsOfFlow(executions, execution, ACTIVE_STATES)
  if (running.length < concurrency.limit) return { start: true }
  const plural = concurrency.limit === 1 ? '' : 's'
  const reached = `the flow's concurrency limit of ${concurrency.limit} running execution${plural} is reached`
  const behavior = concurrency.behavior ?? 'QUEUE'
  if (behavior === 'QUEUE') {
    return {
      start: false,
      state: 'QUEUED',
      level: 'INFO',
      message: `Queued: ${reached}; it starts when one of them ends`,
    }
  }
  return {
    start: false,
    state: behavior === 'CANCEL' ? 'CANCELLED' : 'FAILED',
    level: behavior === 'CANCEL' ? 'WARN' : 'ERROR',
    message: `Not started: ${reached} (behavior ${behavior})`,
  }
}

/** The execution of the same flow queued longest, to start once `ended` has ended. */
export async function oldestQueued(
  executions: ExecutionRepository,
  ended: ExecutionRecord,
): Promise<ExecutionRecord | undefined> {
  return (await executionsOfFlow(executions, ended, ['QUEUED'])).at(-1)
}

/** Other executions of `execution`'s flow (exactly its namespace) in one of `states`, newest first. */
async function executionsOfFlow(
  executions: ExecutionRepository,
  execution: ExecutionRecord,
  states: ExecutionState[],
): Promise<ExecutionRecord[]> {
  const page = await executions.list({
    namespace: execution.namespace,
    flowId: execution.flowId,
    states,
    size: 1000,
  })
  // The namespace filter also matches child namespaces.
  return page.results.filter((other) => other.namespace === execution.namespace && other.id !== execution.id)
}
