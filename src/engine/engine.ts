import { hostname } from 'node:os'
import { VerityError } from '../errors.ts'
import { resolveInputs } from '../flow/index.ts'
import type { Flow, PluginDefault } from '../flow/types.ts'
import type { PluginRegistry } from '../plugins/registry.ts'
import type { Queue, Subscription } from '../queue/types.ts'
import type { ExecutionRecord, Store } from '../store/types.ts'
import { type ExecutionRun, executionSnapshot } from './execution-run.ts'
import { Executor } from './executor.ts'
import { buildVariables } from './expression-context.ts'
import { FlowLoader } from './flow-loader.ts'
import { renderFlowOutputs, renderInputDefaults } from './flow-outputs.ts'
import { hostFunctions } from './host-functions.ts'
import { newId } from './ids.ts'
import { LogSink } from './log-sink.ts'
import { SecretRegistry } from './masker.ts'
import {
  type EngineEvent,
  EVENTS_CHANNEL,
  EXECUTOR_QUEUE,
  type ExecutionSnapshot,
  type ExecutorMessage,
} from './messages.ts'
import { isOwnerAlive } from './owner.ts'
import { Renderer } from './renderer.ts'
import type { RunContext } from './run-context.ts'
import { isTerminal, newState } from './states.ts'
import { runSubflow } from './subflow-runner.ts'
import { Worker } from './worker.ts'

export interface EngineOptions {
  store: Store
  queue: Queue
  registry: PluginRegistry
  /** The loaded `verity.yaml` (only `pluginDefaults` and `flowsDir` are read here). */
  config?: { pluginDefaults?: readonly PluginDefault[]; flowsDir?: string }
  /** More directories to resolve Subflow calls from (the CLI adds the run flow's own directory). */
  flowsDirs?: string[]
  /** The code sandbox plugins reach through `ctx.sandbox`. */
  sandbox?: RunContext['sandbox']
  /** Task runs one worker runs at once. Default 32 (tasks mostly wait on I/O). */
  workerConcurrency?: number
  /** Embedded mode runs both roles; distributed mode starts them separately. */
  roles?: { executor?: boolean; worker?: boolean }
}

export interface SubmitOptions {
  inputs?: Record<string, unknown>
  labels?: Record<string, string>
  trigger?: ExecutionRecord['trigger']
  /** Set when a task starts this execution (Subflow, flow tools). */
  parent?: { executionId: string; taskRunId: string }
  /** The execution id to use (the REST API stores uploaded FILE inputs under it first). Default: a new id. */
  id?: string
}

export interface Engine {
  start(): Promise<void>
  /** Stops taking work and waits for running task runs; unfinished executions resume at the next start. */
  stop(): Promise<void>
  /** Validates inputs, stores the flow revision and the execution (CREATED), and starts it. */
  submit(flow: Flow, options?: SubmitOptions): Promise<ExecutionRecord>
  /** Resolves with the execution once it is SUCCESS, WARNING, FAILED, KILLED… */
  waitForTerminal(executionId: string): Promise<ExecutionRecord>
  /** Kills a running execution: nothing new starts, running task runs are aborted, the state ends KILLED. */
  kill(executionId: string): Promise<void>
  /** Kestra's restart of a FAILED or KILLED execution from its failed task runs (same execution id). */
  restart(executionId: string): Promise<void>
  events: { subscribe(listener: (event: EngineEvent) => void): Promise<Subscription> }
  readonly flows: FlowLoader
}

/**
 * Creates the execution engine. Embedded mode (the default) runs the executor and a worker in this process; they
 * talk only through `queue`, so the same code runs as separate roles over a PostgreSQL-backed queue.
 *
 * @example
 * const engine = createEngine({ store, queue, registry: createDefaultRegistry() })
 * await engine.start()
 * const execution = await engine.submit(flow, { inputs: { name: 'world' } })
 * const final = await engine.waitForTerminal(execution.id)
 */
export function createEngine(options: EngineOptions): Engine {
  const { store, queue, registry } = options
  const owner = `${hostname()}:${process.pid}:${newId().slice(0, 8)}`
  const secrets = new SecretRegistry()
  const pluginDefaults = options.config?.pluginDefaults ?? []
  const flowsDirs = [
    ...(options.config?.flowsDir ? [options.config.flowsDir] : []),
    ...(options.flowsDirs ?? []),
  ]
  const flows = new FlowLoader({ store, registry, pluginDefaults, flowsDirs })
  const publish = (event: EngineEvent) => void queue.publish(EVENTS_CHANNEL, event).catch(() => {})
  const logs = new LogSink({ repository: store.logs, publish: (log) => publish({ type: 'log', log }) })
  const roles = { executor: true, worker: true, ...options.roles }

  const rendererFor = (execution: ExecutionSnapshot, outputs: Record<string, unknown>, flow: Flow) =>
    new Renderer({
      variables: buildVariables({ execution, outputs }),
      functions: hostFunctions({
        kv: store.kv,
        namespace: execution.namespace,
        masker: secrets.for(execution.id),
      }),
      flowVariables: flow.variables,
    })

  const executor = new Executor({
    store,
    queue,
    registry,
    flows,
    logs,
    secrets,
    owner,
    async renderFlowOutputs(run: ExecutionRun) {
      if (run.flow.outputs.length === 0) return {}
      const outputs = await renderFlowOutputs(run.flow, rendererFor(run.snapshot(), run.outputs, run.flow))
      return secrets.for(run.execution.id).maskDeep(outputs)
    },
  })

  const engine: Engine = {
    flows,
    async start() {
      if (roles.executor) await executor.start()
      if (roles.worker) await worker.start()
      if (roles.executor) {
        for (const execution of await store.executions.listUnfinished()) {
          if (isOwnerAlive(execution.engineState?.owner, owner)) continue
          await queue.send<ExecutorMessage>(EXECUTOR_QUEUE, { kind: 'recover', executionId: execution.id })
        }
      }
    },
    async stop() {
      await worker.stop()
      await executor.stop()
      await logs.flush()
    },
    async submit(flow, submitOptions = {}) {
      if (flow.disabled) {
        throw new VerityError('FLOW_DISABLED', `Flow ${flow.namespace}.${flow.id} is disabled`)
      }
      const given = resolveInputs(flow, submitOptions.inputs ?? {})
      const saved = await flows.save(flow)
      const date = new Date().toISOString()
      const execution: ExecutionRecord = {
        id: submitOptions.id ?? newId(),
        namespace: saved.namespace,
        flowId: saved.id,
        flowRevision: saved.revision ?? 1,
        state: newState('CREATED', date),
        inputs: given,
        outputs: {},
        labels: { ...saved.labels, ...submitOptions.labels },
        engineState: { owner },
      }
      if (submitOptions.trigger) execution.trigger = submitOptions.trigger
      if (submitOptions.parent) {
        execution.parentExecutionId = submitOptions.parent.executionId
        execution.parentTaskRunId = submitOptions.parent.taskRunId
        execution.originalId = submitOptions.parent.executionId
      }
      const snapshot = { ...executionSnapshot(execution) }
      const renderer = rendererFor(snapshot, {}, saved)
      execution.inputs = await renderInputDefaults(saved, given, (template) => renderer.render(template))
      await store.executions.save(execution)
      publish({ type: 'execution', execution: structuredClone(execution) })
      await queue.send<ExecutorMessage>(EXECUTOR_QUEUE, { kind: 'start', executionId: execution.id })
      return execution
    },
    waitForTerminal: (executionId) => waitForTerminal(store, queue, executionId),
    async kill(executionId) {
      const execution = await existing(store, executionId)
      if (isTerminal(execution.state.current)) {
        throw new VerityError(
          'EXECUTION_ENDED',
          `Execution ${executionId} already ended ${execution.state.current}`,
        )
      }
      await queue.send<ExecutorMessage>(EXECUTOR_QUEUE, { kind: 'kill', executionId })
    },
    async restart(executionId) {
      const execution = await existing(store, executionId)
      if (execution.state.current !== 'FAILED' && execution.state.current !== 'KILLED') {
        throw new VerityError(
          'EXECUTION_NOT_RESTARTABLE',
          `Execution ${executionId} is ${execution.state.current}; only FAILED or KILLED executions can be restarted`,
        )
      }
      await queue.send<ExecutorMessage>(EXECUTOR_QUEUE, { kind: 'restart', executionId })
    },
    events: { subscribe: (listener) => queue.listen(EVENTS_CHANNEL, listener) },
  }

  const worker = new Worker(
    {
      store,
      queue,
      registry,
      pluginDefaults,
      sandbox: options.sandbox,
      logs,
      secrets,
      runFlow: (request, caller, signal) => runSubflow({ engine, store, flows, request, caller, signal }),
    },
    { concurrency: options.workerConcurrency ?? 32 },
  )
  return engine
}

async function existing(store: Store, executionId: string): Promise<ExecutionRecord> {
  const execution = await store.executions.get(executionId)
  if (!execution) throw new VerityError('EXECUTION_NOT_FOUND', `Execution ${executionId} not found`)
  return execution
}

/** Waits on engine events, with a slow poll of the store as a safety net (another process may end it). */
async function waitForTerminal(store: Store, queue: Queue, executionId: string): Promise<ExecutionRecord> {
  const { promise, resolve, reject } = Promise.withResolvers<ExecutionRecord>()
  const subscription = await queue.listen<EngineEvent>(EVENTS_CHANNEL, (event) => {
    if (event.type === 'execution' && event.execution.id === executionId) {
      if (isTerminal(event.execution.state.current)) resolve(event.execution)
    }
  })
  const check = async () => {
    const execution = await store.executions.get(executionId)
    if (!execution) reject(new VerityError('EXECUTION_NOT_FOUND', `Execution ${executionId} not found`))
    else if (isTerminal(execution.state.current)) resolve(execution)
  }
  const poll = setInterval(() => void check().catch(reject), 1000)
  try {
    await check()
    return await promise
  } finally {
    clearInterval(poll)
    await subscription.stop()
  }
}
