import { VerityError } from '../errors.ts'
import { parseTaskProps } from '../flow/index.ts'
import type { SourcePosition, TaskDefinition } from '../flow/types.ts'
import type { FlowablePlan, TaskPlugin } from '../plugins/define.ts'
import type { Subscription } from '../queue/types.ts'
import { durationMs } from './duration.ts'
import { buildVariables } from './expression-context.ts'
import { indexFlow } from './flow-index.ts'
import { hostFunctions } from './host-functions.ts'
import { createTaskLogger, type LogSink } from './log-sink.ts'
import type { SecretMasker, SecretRegistry } from './masker.ts'
import {
  CONTROL_CHANNEL,
  type ControlMessage,
  EXECUTOR_QUEUE,
  type ExecutorMessage,
  type RecordedPlan,
  WORKER_QUEUE,
  type WorkerJob,
} from './messages.ts'
import { Renderer } from './renderer.ts'
import type { TaskLogger } from './run-context.ts'
import { TaskContext, type TaskContextDeps } from './task-context.ts'

/** Properties every task has, handled by the engine and never passed to a plugin. */
export const COMMON_TASK_KEYS: ReadonlySet<string> = new Set([
  'id',
  'type',
  'description',
  'disabled',
  'runIf',
  'timeout',
  'retry',
  'allowFailure',
  'allowWarning',
  'logLevel',
  'workerGroup',
])

export interface WorkerDeps extends TaskContextDeps {
  logs: LogSink
  secrets: SecretRegistry
}

type Result = Omit<
  Extract<ExecutorMessage, { kind: 'task-result' }>,
  'kind' | 'executionId' | 'taskRunId' | 'attemptNumber' | 'date'
>

/** Why a task's signal was aborted. */
class TaskAborted extends Error {
  readonly why: 'timeout' | 'kill'
  constructor(why: 'timeout' | 'kill') {
    super(why === 'kill' ? 'killed' : 'timed out')
    this.why = why
  }
}

/**
 * A worker: pulls task-run jobs from the queue, renders the task's properties (but not the plugin's `rawProps`
 * and task lists), coerces and validates them, runs the plugin with a `RunContext` under the task's `timeout`,
 * and reports the outcome to the executor through the queue. Flowable tasks only return their plan.
 */
export class Worker {
  readonly #deps: WorkerDeps
  readonly #concurrency: number
  readonly #running = new Map<string, Set<AbortController>>()
  readonly #killed = new Set<string>()
  #subscriptions: Subscription[] = []

  constructor(deps: WorkerDeps, options: { concurrency: number }) {
    this.#deps = deps
    this.#concurrency = options.concurrency
  }

  async start(): Promise<void> {
    const { queue } = this.#deps
    this.#subscriptions = [
      await queue.listen<ControlMessage>(CONTROL_CHANNEL, (message) => this.#kill(message.executionId)),
      await queue.work<WorkerJob>(WORKER_QUEUE, (job) => this.handle(job.data), {
        concurrency: this.#concurrency,
      }),
    ]
  }

  /** Stops taking jobs and waits for the running ones. */
  async stop(): Promise<void> {
    await Promise.all(this.#subscriptions.map((subscription) => subscription.stop()))
    this.#subscriptions = []
  }

  #kill(executionId: string): void {
    this.#killed.add(executionId)
    setTimeout(() => this.#killed.delete(executionId), 60_000).unref()
    for (const controller of this.#running.get(executionId) ?? []) controller.abort(new TaskAborted('kill'))
  }

  async handle(job: WorkerJob): Promise<void> {
    const { queue } = this.#deps
    const ids = { executionId: job.execution.id, taskRunId: job.taskRun.id, attemptNumber: job.attemptNumber }
    const report = (result: Result) =>
      queue.send<ExecutorMessage>(EXECUTOR_QUEUE, { kind: 'task-result', ...ids, date: now(), ...result })
    if (this.#killed.has(job.execution.id)) return void (await report({ state: 'KILLED' }))
    await queue.send<ExecutorMessage>(EXECUTOR_QUEUE, { kind: 'task-started', ...ids, date: now() })
    const controller = new AbortController()
    let running = this.#running.get(job.execution.id)
    if (!running) {
      running = new Set()
      this.#running.set(job.execution.id, running)
    }
    running.add(controller)
    let logged = false
    const result = await this.#attempt(job, controller, () => {
      logged = true
    })
    running.delete(controller)
    if (running.size === 0) this.#running.delete(job.execution.id)
    if (logged) await this.#deps.logs.flush()
    await report(result)
  }

  async #attempt(job: WorkerJob, controller: AbortController, onLog: () => void): Promise<Result> {
    const deps = this.#deps
    const { execution, task, taskRun } = job
    const masker = deps.secrets.for(execution.id)
    const logger = createTaskLogger({
      sink: deps.logs,
      base: {
        executionId: execution.id,
        namespace: execution.namespace,
        flowId: execution.flowId,
        taskId: task.id,
        taskRunId: taskRun.id,
        attemptNumber: job.attemptNumber,
      },
      minimum: task.logLevel,
      mask: (text) => masker.mask(text),
      onLog,
    })
    const renderer = new Renderer({
      variables: buildVariables({
        execution,
        outputs: job.outputs,
        task,
        taskRun: {
          id: taskRun.id,
          value: taskRun.value,
          attemptsCount: job.attemptNumber,
          startDate: taskRun.startDate,
          parentId: taskRun.parentTaskRunId,
        },
        parents: job.parents,
      }),
      functions: hostFunctions({ kv: deps.store.kv, namespace: execution.namespace, masker }),
      flowVariables: job.flow.variables,
    })
    const index = indexFlow(job.flow, deps.registry)
    const position = () => index.position(task.id)
    const context = new TaskContext({
      deps,
      job,
      signal: controller.signal,
      logger,
      renderer,
      masker,
      position,
    })
    const result = await this.#outcome(job, context, { controller, logger, renderer, masker, position })
    try {
      await context.flushTraces()
    } catch (error) {
      if (result.state === 'FAILED' || result.state === 'KILLED') return result
      const message = `Task '${task.id}': could not store its trace events: ${(error as Error)?.message || String(error)}`
      logger.error(message)
      return { state: 'FAILED', error: masker.mask(message) }
    }
    return result
  }

  /** Runs the plugin (or skips it on `runIf`) and turns what happened into the attempt's result. */
  async #outcome(
    job: WorkerJob,
    context: TaskContext,
    tools: {
      controller: AbortController
      logger: TaskLogger
      renderer: Renderer
      masker: SecretMasker
      position: () => SourcePosition
    },
  ): Promise<Result> {
    const { task } = job
    const { controller, logger, renderer, masker, position } = tools
    let timeout: string | undefined
    try {
      if (task.runIf !== undefined && !isTruthy(await renderer.render(task.runIf))) {
        logger.debug(`Task '${task.id}' skipped: runIf is false`)
        return { state: 'SKIPPED' }
      }
      const plugin = this.#deps.registry.get(task.type)
      if (!plugin || plugin.kind === 'component') {
        throw new VerityError('PLUGIN_UNKNOWN', `Task '${task.id}': '${task.type}' is not a task type`)
      }
      const props = parseTaskProps(plugin, await renderProps(task, plugin, renderer), position())
      if (task.timeout !== undefined) timeout = String(await renderer.render(task.timeout))
      const timeoutMs =
        timeout === undefined ? undefined : durationMs(timeout, `timeout of task '${task.id}'`)
      if (plugin.kind === 'runnable') {
        const outputs = await guard(plugin.run(context, props), controller, timeoutMs)
        return { state: 'SUCCESS', outputs: masker.maskDeep(asOutputs(outputs)) }
      }
      const plan = await guard(plugin.plan(context, props), controller, timeoutMs)
      return { state: 'RUNNING', plan: recordPlan(plan), outputs: masker.maskDeep(plan.outputs ?? {}) }
    } catch (error) {
      const reason = controller.signal.reason
      if (reason instanceof TaskAborted && reason.why === 'kill') {
        logger.warn(`Task '${task.id}' killed`)
        return { state: 'KILLED' }
      }
      const message =
        reason instanceof TaskAborted
          ? `Task '${task.id}' timed out after ${timeout}`
          : (error as Error)?.message || String(error)
      logger.error(message)
      return { state: 'FAILED', error: masker.mask(message) }
    }
  }
}

/** The task's own properties, rendered except the plugin's `rawProps` and task lists (and `errors`/`finally`). */
async function renderProps(task: TaskDefinition, plugin: TaskPlugin, renderer: Renderer) {
  const raw = new Set<string>(plugin.rawProps ?? [])
  if (plugin.kind === 'flowable') {
    for (const key of Object.keys(plugin.taskLists)) raw.add(key)
    raw.add('errors')
    raw.add('finally')
  }
  const props: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(task)) {
    if (COMMON_TASK_KEYS.has(key) || value === undefined) continue
    props[key] = raw.has(key) ? value : await renderer.render(value)
  }
  return props
}

/** Races the plugin's promise with its signal: a timeout or a kill ends the attempt even if the plugin hangs. */
function guard<T>(work: Promise<T>, controller: AbortController, timeoutMs: number | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const { signal } = controller
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => controller.abort(new TaskAborted('timeout')), timeoutMs)
    const onAbort = () => reject(signal.reason)
    if (signal.aborted) onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(resolve, reject).finally(() => {
      clearTimeout(timer)
      signal.removeEventListener('abort', onAbort)
    })
  })
}

function recordPlan(plan: FlowablePlan): RecordedPlan {
  return {
    concurrency: plan.concurrency,
    groups: plan.groups.map((group) => ({
      branch: group.branch,
      ...(group.value === undefined ? {} : { value: group.value }),
      tasks: group.tasks.map((task) => task.id),
    })),
  }
}

function asOutputs(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
}

/** Kestra's truthiness of a rendered `runIf`: false, null, '', 'false', '0' and 0 skip the task. */
export function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0) return false
  if (typeof value === 'string') return !['', 'false', '0', 'null'].includes(value.trim().toLowerCase())
  return true
}

function now(): string {
  return new Date().toISOString()
}
