import { AsyncResource } from 'node:async_hooks'
import type { TaskDefinition } from '../flow/types.ts'
import type { PluginRegistry } from '../plugins/registry.ts'
import type { Queue, Subscription } from '../queue/types.ts'
import type {
  ExecutionRecord,
  ExecutionState,
  LogLevel,
  StateRecord,
  Store,
  TaskRunAttempt,
  TaskRunRecord,
} from '../store/types.ts'
import { formatDuration } from './duration.ts'
import { ExecutionRun, newTaskRun } from './execution-run.ts'
import { checkConcurrency, oldestQueued } from './flow-concurrency.ts'
import { indexFlow } from './flow-index.ts'
import type { FlowLoader } from './flow-loader.ts'
import { newId } from './ids.ts'
import {
  type ExecutorCore,
  failExecution,
  killExecution,
  rearmRetries,
  recoverExecution,
  restartExecution,
} from './lifecycle.ts'
import type { LogSink } from './log-sink.ts'
import type { SecretRegistry } from './masker.ts'
import {
  CONTROL_CHANNEL,
  type ControlMessage,
  type EngineEvent,
  EVENTS_CHANNEL,
  EXECUTOR_QUEUE,
  type ExecutorMessage,
  WORKER_QUEUE,
  type WorkerJob,
} from './messages.ts'
import { nextRetryDelay } from './retry.ts'
import { decideScope, type TaskToCreate } from './scope.ts'
import { applyAllowances, isTerminal, newState, transition } from './states.ts'

export interface ExecutorDeps {
  store: Store
  queue: Queue
  registry: PluginRegistry
  flows: FlowLoader
  logs: LogSink
  secrets: SecretRegistry
  /** Renders the flow's `outputs:` at the end; throws when one cannot be rendered or typed. */
  renderFlowOutputs(run: ExecutionRun): Promise<Record<string, unknown>>
  /** Identifies this process as the owner of the executions it runs (crash recovery checks it). */
  owner: string
}

/** Work decided while handling one message, done once its store transaction has committed. */
interface Outbox {
  jobs: WorkerJob[]
  events: EngineEvent[]
  control: ControlMessage[]
}

/**
 * The executor: the only writer of execution and task-run state. It handles one message at a time (so decisions
 * never race), applies each message's writes in one store transaction, then sends the worker jobs and events the
 * decision produced. Pure decisions live in `scope.ts`, `retry.ts` and `states.ts`.
 */
export class Executor implements ExecutorCore {
  readonly #deps: ExecutorDeps
  readonly #runs = new Map<string, ExecutionRun>()
  #subscription: Subscription | undefined
  #outbox: Outbox = { jobs: [], events: [], control: [] }
  readonly #send: (message: ExecutorMessage) => void

  constructor(deps: ExecutorDeps) {
    this.#deps = deps
    // Bound to the construction context: a retry timer set inside a transaction must not run inside it.
    this.#send = AsyncResource.bind((message: ExecutorMessage) => {
      void deps.queue.send(EXECUTOR_QUEUE, message).catch(() => {})
    })
  }

  /**
   * Decisions must not race, so one executor decides at a time across every process sharing the queue; other
   * executors stand by and the next takes over when it stops or dies. A new turn starts from the store: runs cached
   * during an earlier turn may have moved on under another executor.
   */
  async start(): Promise<void> {
    this.#subscription = await this.#deps.queue.work<ExecutorMessage>(
      EXECUTOR_QUEUE,
      (job) => this.handle(job.data),
      { exclusive: { onAcquired: () => this.#takeOver() } },
    )
  }

  /** This executor now decides: drop what an earlier turn cached, and re-arm the retries nobody waits for. */
  #takeOver(): void {
    this.#forgetRuns()
    void this.#rearmAll().catch(() => {})
  }

  async #rearmAll(): Promise<void> {
    const { store } = this.#deps
    for (const { id } of await store.executions.listUnfinished()) {
      const taskRuns = await store.taskRuns.listByExecution(id)
      if (taskRuns.some((taskRun) => taskRun.state.current === 'RETRYING'))
        this.#send({ kind: 'rearm', executionId: id })
    }
  }

  #forgetRuns(): void {
    for (const run of this.#runs.values()) for (const timer of run.timers) clearTimeout(timer)
    this.#runs.clear()
  }

  async stop(): Promise<void> {
    await this.#subscription?.stop()
    this.#forgetRuns()
  }

  /** Handles one message atomically. */
  async handle(message: ExecutorMessage): Promise<void> {
    const outbox: Outbox = { jobs: [], events: [], control: [] }
    this.#outbox = outbox
    try {
      await this.#deps.store.transaction(() => this.#dispatch(message))
    } catch (error) {
      // The transaction left nothing half-written; forget the in-memory view (it may hold the failed changes).
      const run = this.#runs.get(message.executionId)
      for (const timer of run?.timers ?? []) clearTimeout(timer)
      this.#runs.delete(message.executionId)
      outbox.jobs = []
      outbox.control = []
      outbox.events = []
      await this.#deps.store.transaction(() =>
        failExecution(this, this.#deps.store, message.executionId, error),
      )
    }
    const { queue, logs } = this.#deps
    // Logs reach the store before anyone hears that the execution ended (CLI, API and tests read them then).
    if (
      outbox.events.some((event) => event.type === 'execution' && isTerminal(event.execution.state.current))
    ) {
      await logs.flush()
    }
    for (const control of outbox.control) await queue.publish(CONTROL_CHANNEL, control)
    for (const job of outbox.jobs) await queue.send(WORKER_QUEUE, job)
    for (const event of outbox.events) await queue.publish(EVENTS_CHANNEL, event)
  }

  async #dispatch(message: ExecutorMessage): Promise<void> {
    if (message.kind === 'restart') {
      const run = await this.#load(message.executionId, true)
      return run && restartExecution(this, run)
    }
    const run = await this.#load(message.executionId)
    if (!run || isTerminal(run.execution.state.current)) return
    switch (message.kind) {
      case 'start':
        return this.#startExecution(run)
      case 'task-started':
        return this.#taskStarted(run, message)
      case 'task-result':
        return this.taskResult(run, message)
      case 'retry-due':
        return this.#retryDue(run, message.taskRunId)
      case 'kill':
        return killExecution(this, run)
      case 'recover':
        // A queued execution has nothing to resume: it starts when the flow's limit allows.
        return run.execution.state.current === 'QUEUED'
          ? this.#startExecution(run)
          : recoverExecution(this, run)
      case 'rearm':
        return rearmRetries(this, run)
    }
  }

  /** Loads an execution's in-memory view from the store (once per process while it runs). */
  async #load(executionId: string, allowTerminal = false): Promise<ExecutionRun | undefined> {
    const cached = this.#runs.get(executionId)
    if (cached) return cached
    const { store, flows, registry } = this.#deps
    const execution = await store.executions.get(executionId)
    if (!execution || (isTerminal(execution.state.current) && !allowTerminal)) return undefined
    const flow = await flows.load(execution.namespace, execution.flowId, execution.flowRevision)
    const run = new ExecutionRun(execution, flow, indexFlow(flow, registry).tasks)
    for (const taskRun of await store.taskRuns.listByExecution(executionId)) run.add(taskRun)
    this.#runs.set(executionId, run)
    return run
  }

  async #startExecution(run: ExecutionRun): Promise<void> {
    const { execution } = run
    if (execution.state.current === 'CREATED' || execution.state.current === 'QUEUED') {
      if (await this.#heldByConcurrency(run)) return
      transition(execution.state, 'RUNNING', now())
      execution.engineState = { ...execution.engineState, owner: this.#deps.owner }
      await this.saveExecution(run.execution)
    }
    await this.#advance(run, undefined)
  }

  /** Applies the flow's `concurrency` (see flow-concurrency.ts); true when the execution must not start now. */
  async #heldByConcurrency(run: ExecutionRun): Promise<boolean> {
    const { execution } = run
    const verdict = await checkConcurrency(this.#deps.store.executions, execution, run.flow.concurrency)
    if (verdict.start) return false
    if (execution.state.current === verdict.state) return true
    transition(execution.state, verdict.state, now())
    this.log(execution, verdict.level, verdict.message)
    if (isTerminal(verdict.state)) this.#retire(run)
    await this.saveExecution(execution)
    return true
  }

  async #taskStarted(run: ExecutionRun, message: Extract<ExecutorMessage, { kind: 'task-started' }>) {
    const taskRun = run.runs.get(message.taskRunId)
    if (!taskRun || isTerminal(taskRun.state.current)) return
    transition(taskRun.state, 'RUNNING', message.date)
    while (taskRun.attempts.length < message.attemptNumber) {
      taskRun.attempts.push({ state: newState('RUNNING', message.date), workerId: this.#deps.owner })
    }
    await this.saveTaskRun(taskRun)
  }

  /** Part of `ExecutorCore` (see lifecycle.ts). */
  async taskResult(run: ExecutionRun, message: Extract<ExecutorMessage, { kind: 'task-result' }>) {
    const taskRun = run.runs.get(message.taskRunId)
    if (!taskRun || isTerminal(taskRun.state.current) || taskRun.state.current === 'RETRYING') return
    const task = run.task(taskRun.taskId)
    const attempt = taskRun.attempts[message.attemptNumber - 1]
    if (attempt)
      transition(attempt.state, message.state === 'RUNNING' ? 'SUCCESS' : message.state, message.date)
    if (message.plan && message.state === 'RUNNING') {
      taskRun.engineState = { ...taskRun.engineState, plan: message.plan }
      this.#setOutputs(run, taskRun, message.outputs)
      await this.saveTaskRun(taskRun)
      return this.#advance(run, taskRun.id)
    }
    if (message.state === 'FAILED' && task.retry && !run.killed && this.#scheduleRetry(run, taskRun, task)) {
      return this.saveTaskRun(taskRun)
    }
    let state = message.state
    if (state === 'SUCCESS' && taskRun.attempts.length > 1 && task.retry?.warningOnRetry) state = 'WARNING'
    this.#setOutputs(run, taskRun, message.outputs)
    await this.#finishTaskRun(run, taskRun, applyAllowances(state, task), message.date)
  }

  #setOutputs(run: ExecutionRun, taskRun: TaskRunRecord, outputs: Record<string, unknown> | undefined) {
    if (!outputs || Object.keys(outputs).length === 0) return
    taskRun.outputs = outputs
    run.recordOutputs(taskRun)
  }

  async #finishTaskRun(run: ExecutionRun, taskRun: TaskRunRecord, state: ExecutionState, date = now()) {
    transition(taskRun.state, state, date)
    await this.saveTaskRun(taskRun)
    await this.#advance(run, taskRun.parentTaskRunId)
  }

  /** Returns false when the policy is exhausted (the failure stands). */
  #scheduleRetry(run: ExecutionRun, taskRun: TaskRunRecord, task: TaskDefinition): boolean {
    const firstStart = Date.parse(taskRun.attempts[0]?.state.startDate ?? taskRun.state.startDate)
    const delay = nextRetryDelay({
      policy: task.retry!,
      attempts: Math.max(1, taskRun.attempts.length),
      firstAttemptStart: firstStart,
      now: Date.now(),
    })
    if (delay === undefined) return false
    transition(taskRun.state, 'RETRYING', now())
    taskRun.engineState = { ...taskRun.engineState, retryAt: Date.now() + delay }
    this.log(
      run.execution,
      'INFO',
      `Task '${task.id}' failed (attempt ${taskRun.attempts.length}); retrying in ${formatDuration(delay)}`,
      taskRun,
    )
    this.retryLater(run, taskRun, delay)
    return true
  }

  /** Part of `ExecutorCore` (see lifecycle.ts). */
  retryLater(run: ExecutionRun, taskRun: TaskRunRecord, delay: number): void {
    const message: ExecutorMessage = {
      kind: 'retry-due',
      executionId: run.execution.id,
      taskRunId: taskRun.id,
    }
    const timer = setTimeout(
      () => {
        run.timers.delete(timer)
        this.#send(message)
      },
      Math.max(0, delay),
    )
    run.timers.add(timer)
  }

  async #retryDue(run: ExecutionRun, taskRunId: string): Promise<void> {
    const taskRun = run.runs.get(taskRunId)
    if (taskRun?.state.current !== 'RETRYING') return
    if (taskRun.engineState) {
      const { retryAt: _done, ...rest } = taskRun.engineState
      taskRun.engineState = rest
    }
    this.dispatchJob(run, taskRun)
    await this.saveTaskRun(taskRun)
  }

  /**
   * Re-evaluates the scope of `parentTaskRunId` (the root when undefined): creates what starts now and, when the
   * scope is over, ends its flowable parent and goes up, or ends the execution.
   */
  async #advance(run: ExecutionRun, parentTaskRunId: string | undefined): Promise<void> {
    let scopeId = parentTaskRunId
    for (;;) {
      const parent = scopeId === undefined ? undefined : run.runs.get(scopeId)
      if (parent && (isTerminal(parent.state.current) || !parent.engineState?.plan)) return
      if (!parent && isTerminal(run.execution.state.current)) return
      const scope = parent ? run.flowableScope(parent) : run.rootScope()
      const decision = decideScope(scope, (group, taskId) => run.stateOf(scopeId, group, taskId))
      for (const next of decision.create) await this.#createTaskRun(run, parent, next)
      if (decision.state === undefined) return
      if (!parent) return this.#endExecution(run, decision.state)
      const state = run.killed ? 'KILLED' : applyAllowances(decision.state, run.task(parent.taskId))
      transition(parent.state, state, now())
      await this.saveTaskRun(parent)
      scopeId = parent.parentTaskRunId
    }
  }

  /** Re-evaluates every open scope, deepest first (after a kill, a restart or a recovery). */
  async advanceAll(run: ExecutionRun): Promise<void> {
    const open = [...run.runs.values()]
      .filter((taskRun) => !isTerminal(taskRun.state.current) && taskRun.engineState?.plan)
      .sort((a, b) => run.parentsOf(b).length - run.parentsOf(a).length)
    for (const taskRun of open) await this.#advance(run, taskRun.id)
    await this.#advance(run, undefined)
  }

  async #createTaskRun(run: ExecutionRun, parent: TaskRunRecord | undefined, next: TaskToCreate) {
    const taskRun = newTaskRun({
      id: newId(),
      execution: run.execution,
      task: next.task,
      parent,
      branch: next.branch,
      value: next.value,
      group: next.group,
      index: next.index,
      date: now(),
    })
    run.add(taskRun)
    this.dispatchJob(run, taskRun)
    await this.saveTaskRun(taskRun)
  }

  /** Part of `ExecutorCore` (see lifecycle.ts). */
  dispatchJob(run: ExecutionRun, taskRun: TaskRunRecord): void {
    this.#outbox.jobs.push({
      execution: run.snapshot(),
      flow: run.flow,
      task: run.task(taskRun.taskId),
      taskRun: {
        id: taskRun.id,
        taskId: taskRun.taskId,
        value: taskRun.value,
        parentTaskRunId: taskRun.parentTaskRunId,
        startDate: taskRun.state.startDate,
      },
      attemptNumber: taskRun.attempts.length + 1,
      outputs: run.outputs,
      parents: run
        .parentsOf(taskRun)
        .map((parent) => ({ id: parent.id, taskId: parent.taskId, value: parent.value })),
    })
  }

  async #endExecution(run: ExecutionRun, state: ExecutionState): Promise<void> {
    const { execution } = run
    let final = run.killed ? 'KILLED' : state
    if (final === 'SUCCESS' || final === 'WARNING') {
      try {
        execution.outputs = await this.#deps.renderFlowOutputs(run)
      } catch (error) {
        this.log(run.execution, 'ERROR', `Flow outputs could not be rendered: ${(error as Error).message}`)
        final = 'FAILED'
      }
    }
    transition(execution.state, final, now())
    await this.saveExecution(run.execution)
    this.#retire(run)
    if (run.flow.concurrency) {
      const next = await oldestQueued(this.#deps.store.executions, execution)
      if (next) this.#send({ kind: 'start', executionId: next.id })
    }
  }

  /** An execution that ended: its timers, cached view and secrets go. */
  #retire(run: ExecutionRun): void {
    for (const timer of run.timers) clearTimeout(timer)
    this.#runs.delete(run.execution.id)
    this.#deps.secrets.release(run.execution.id)
  }

  get owner(): string {
    return this.#deps.owner
  }

  /** Asks the workers to abort the running task runs of an execution (sent after the transaction commits). */
  killWorkers(executionId: string): void {
    this.#outbox.control.push({ kind: 'kill', executionId })
  }

  /** Forgets secrets of an execution that ended. */
  releaseSecrets(executionId: string): void {
    this.#deps.secrets.release(executionId)
  }

  /** Writes an engine log line (execution-level, or about a task run). */
  log(execution: ExecutionRecord, level: LogLevel, message: string, taskRun?: TaskRunRecord): void {
    this.#deps.logs.append({
      executionId: execution.id,
      namespace: execution.namespace,
      flowId: execution.flowId,
      taskId: taskRun?.taskId,
      taskRunId: taskRun?.id,
      attemptNumber: taskRun ? Math.max(1, taskRun.attempts.length) : undefined,
      level,
      message: this.#deps.secrets.for(execution.id).mask(message),
      timestamp: now(),
    })
  }

  /** Part of `ExecutorCore` (see lifecycle.ts). */
  async saveExecution(execution: ExecutionRecord): Promise<void> {
    await this.#deps.store.executions.save(execution)
    this.#outbox.events.push({ type: 'execution', execution: snapshotRecord(execution) })
  }

  /** Part of `ExecutorCore` (see lifecycle.ts). */
  async saveTaskRun(taskRun: TaskRunRecord): Promise<void> {
    await this.#deps.store.taskRuns.save(taskRun)
    this.#outbox.events.push({ type: 'task-run', taskRun: snapshotRecord(taskRun) })
  }
}

/**
 * A copy of a record as it is now, for events: the parts the executor mutates in place (state, attempts) are
 * copied; outputs, inputs and engineState are only ever replaced, so they are shared. Much cheaper than
 * `structuredClone` on the hot path.
 */
function snapshotRecord<T extends { state: StateRecord; attempts?: TaskRunAttempt[] }>(record: T): T {
  const copy = { ...record, state: copyState(record.state) }
  if (record.attempts)
    copy.attempts = record.attempts.map((attempt) => ({ ...attempt, state: copyState(attempt.state) }))
  return copy
}

function copyState(state: StateRecord): StateRecord {
  return { ...state, histories: state.histories.slice() }
}

function now(): string {
  return new Date().toISOString()
}
