import type { ExecutionRecord, LogLevel, Store, TaskRunRecord } from '../store/types.ts'
import type { ExecutionRun } from './execution-run.ts'
import type { ExecutorMessage } from './messages.ts'
import { planRestart } from './restart.ts'
import { isTerminal, transition } from './states.ts'

/**
 * The executor's whole-execution operations besides the normal flow of task results: kill, crash recovery,
 * restart, and the last-resort failure. They run inside the executor's transaction for one message, through the
 * narrow `ExecutorCore` the executor exposes to them.
 */
export interface ExecutorCore {
  readonly owner: string
  log(execution: ExecutionRecord, level: LogLevel, message: string, taskRun?: TaskRunRecord): void
  saveExecution(execution: ExecutionRecord): Promise<void>
  saveTaskRun(taskRun: TaskRunRecord): Promise<void>
  dispatchJob(run: ExecutionRun, taskRun: TaskRunRecord): void
  retryLater(run: ExecutionRun, taskRun: TaskRunRecord, delay: number): void
  taskResult(run: ExecutionRun, message: Extract<ExecutorMessage, { kind: 'task-result' }>): Promise<void>
  advanceAll(run: ExecutionRun): Promise<void>
  killWorkers(executionId: string): void
  releaseSecrets(executionId: string): void
}

function now(): string {
  return new Date().toISOString()
}

/** Kill: nothing new starts, waiting task runs end KILLED, running ones are aborted by their workers. */
export async function killExecution(core: ExecutorCore, run: ExecutionRun): Promise<void> {
  run.killed = true
  for (const timer of run.timers) clearTimeout(timer)
  run.timers.clear()
  transition(run.execution.state, 'KILLING', now())
  await core.saveExecution(run.execution)
  let running = false
  for (const taskRun of run.runs.values()) {
    const state = taskRun.state.current
    if (isTerminal(state) || (state === 'RUNNING' && taskRun.engineState?.plan)) continue
    if (state === 'RUNNING') running = true
    else {
      transition(taskRun.state, 'KILLED', now())
      await core.saveTaskRun(taskRun)
    }
  }
  if (running) core.killWorkers(run.execution.id)
  core.log(run.execution, 'WARN', 'Execution killed')
  await core.advanceAll(run)
}

/**
 * Resumes an execution left unfinished by a process that stopped. Work not yet started is dispatched again;
 * a task that was RUNNING may have had side effects, so it is failed with a log line saying why (its retry
 * policy then applies as for any failure).
 */
export async function recoverExecution(core: ExecutorCore, run: ExecutionRun): Promise<void> {
  const { execution } = run
  core.log(run.execution, 'WARN', 'Verity stopped while this execution was running; resuming it')
  if (execution.state.current === 'CREATED') transition(execution.state, 'RUNNING', now())
  execution.engineState = { ...execution.engineState, owner: core.owner }
  await core.saveExecution(run.execution)
  rearmRetries(core, run)
  for (const taskRun of [...run.runs.values()]) {
    const state = taskRun.state.current
    if (isTerminal(state) || state === 'RETRYING') continue
    if (taskRun.engineState?.plan || taskRun.engineState?.superseded) continue
    if (state === 'RUNNING') {
      const attempt = taskRun.attempts.length
      const message = `Task '${taskRun.taskId}' was interrupted: Verity stopped while it was RUNNING (attempt ${attempt}); it is not resumed because it may already have had side effects`
      core.log(run.execution, 'ERROR', message, taskRun)
      await core.taskResult(run, {
        kind: 'task-result',
        executionId: execution.id,
        taskRunId: taskRun.id,
        attemptNumber: attempt,
        date: now(),
        state: 'FAILED',
        error: message,
      })
    } else {
      core.dispatchJob(run, taskRun)
    }
  }
  await core.advanceAll(run)
}

/**
 * Arms the retry of every RETRYING task run for the time recorded when it failed: the timers lived in an executor
 * that stopped. A timer armed twice only sends a `retry-due` that finds nothing left to do.
 */
export function rearmRetries(core: ExecutorCore, run: ExecutionRun): void {
  for (const taskRun of run.runs.values()) {
    if (taskRun.state.current !== 'RETRYING' || taskRun.engineState?.superseded) continue
    core.retryLater(run, taskRun, Number(taskRun.engineState?.retryAt ?? 0) - Date.now())
  }
}

/** Kestra's restart: failed task runs get a new attempt, the rest of the execution carries on from there. */
export async function restartExecution(core: ExecutorCore, run: ExecutionRun): Promise<void> {
  if (!['FAILED', 'KILLED'].includes(run.execution.state.current)) return
  const { reset, supersede } = planRestart([...run.runs.values()])
  for (const taskRun of supersede) {
    taskRun.engineState = { ...taskRun.engineState, superseded: true }
    run.unindex(taskRun)
    await core.saveTaskRun(taskRun)
  }
  for (const taskRun of reset) {
    if (taskRun.engineState?.plan) transition(taskRun.state, 'RUNNING', now())
    else {
      transition(taskRun.state, 'CREATED', now())
      core.dispatchJob(run, taskRun)
    }
    await core.saveTaskRun(taskRun)
  }
  const { execution } = run
  transition(execution.state, 'RUNNING', now())
  execution.outputs = {}
  execution.engineState = { ...execution.engineState, owner: core.owner }
  await core.saveExecution(run.execution)
  core.log(run.execution, 'INFO', `Execution restarted: ${reset.length} failed task run(s) get a new attempt`)
  await core.advanceAll(run)
}

/**
 * Last resort when handling a message threw (flow revision missing from the store, store error…): the
 * execution ends FAILED with the reason logged rather than staying RUNNING with nobody driving it.
 */
export async function failExecution(
  core: ExecutorCore,
  store: Store,
  executionId: string,
  error: unknown,
): Promise<void> {
  const execution = await store.executions.get(executionId)
  if (!execution || isTerminal(execution.state.current)) return
  const date = now()
  for (const taskRun of await store.taskRuns.listByExecution(executionId)) {
    if (isTerminal(taskRun.state.current)) continue
    transition(taskRun.state, 'FAILED', date)
    await core.saveTaskRun(taskRun)
  }
  core.log(
    execution,
    'ERROR',
    `Execution failed: the engine could not go on: ${(error as Error)?.message ?? error}`,
  )
  transition(execution.state, 'FAILED', date)
  await core.saveExecution(execution)
  core.releaseSecrets(executionId)
}
