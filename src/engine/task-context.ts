import { VerityError } from '../errors.ts'
import { applyPluginDefaults, didYouMean, orderPluginDefaults, parseTaskProps } from '../flow/index.ts'
import type { PluginDefault, PluginObject, SourcePosition } from '../flow/types.ts'
import type { ComponentPlugin } from '../plugins/define.ts'
import type { PluginRegistry } from '../plugins/registry.ts'
import type { Queue } from '../queue/types.ts'
import type { ExecutionRecord, KVEntry, Store } from '../store/types.ts'
import { durationMs } from './duration.ts'
import { lazyPosition } from './flow-index.ts'
import { registerSecret } from './host-functions.ts'
import type { SecretMasker } from './masker.ts'
import type { WorkerJob } from './messages.ts'
import type { Renderer } from './renderer.ts'
import type { ResolvedPlugin, RunContext, TaskLogger } from './run-context.ts'
import { TraceBuffer } from './trace-buffer.ts'

/** A request to run another flow from a task, with the task run asking (for parent links and cycle checks). */
export type RunFlowRequest = Parameters<RunContext['runFlow']>[0]
export type RunFlow = (
  request: RunFlowRequest,
  caller: WorkerJob,
  signal: AbortSignal,
) => Promise<ExecutionRecord>

/** What the worker gives every task context. */
export interface TaskContextDeps {
  store: Store
  queue: Queue
  registry: PluginRegistry
  /** The global config's pluginDefaults. */
  pluginDefaults: readonly PluginDefault[]
  sandbox?: RunContext['sandbox']
  runFlow: RunFlow
}

/**
 * The `RunContext` of one attempt of one task run: everything a plugin may do, with secrets masked on the way
 * out (logs, traces, outputs, errors) and the namespace defaulting to the execution's.
 */
export class TaskContext implements RunContext {
  readonly execution: RunContext['execution']
  readonly taskRun: RunContext['taskRun']
  readonly signal: AbortSignal
  readonly logger: TaskLogger
  readonly kv: RunContext['kv']
  readonly sandbox: RunContext['sandbox']
  readonly #deps: TaskContextDeps
  readonly #job: WorkerJob
  readonly #renderer: Renderer
  readonly #masker: SecretMasker
  readonly #position: () => SourcePosition
  readonly #traces: TraceBuffer

  constructor(options: {
    deps: TaskContextDeps
    job: WorkerJob
    signal: AbortSignal
    logger: TaskLogger
    renderer: Renderer
    masker: SecretMasker
    position: () => SourcePosition
  }) {
    const { deps, job } = options
    this.#deps = deps
    this.#job = job
    this.#renderer = options.renderer
    this.#masker = options.masker
    this.#position = options.position
    this.#traces = new TraceBuffer(deps)
    this.signal = options.signal
    this.logger = options.logger
    this.execution = {
      id: job.execution.id,
      namespace: job.execution.namespace,
      flowId: job.execution.flowId,
      flowRevision: job.execution.flowRevision,
    }
    this.taskRun = {
      id: job.taskRun.id,
      taskId: job.taskRun.taskId,
      value: job.taskRun.value,
      attemptNumber: job.attemptNumber,
    }
    this.kv = this.#kv()
    this.sandbox = deps.sandbox ?? {
      execute: () => Promise.reject(noSandbox()),
      languages: () => Promise.reject(noSandbox()),
    }
  }

  render(value: unknown, extraVars?: Record<string, unknown>): Promise<unknown> {
    return this.#renderer.render(value, extraVars)
  }

  renderString(template: string, extraVars?: Record<string, unknown>): Promise<string> {
    return this.#renderer.renderString(template, extraVars)
  }

  maskSecret(value: string): void {
    this.#masker.add(value)
  }

  mask(text: string): string {
    return this.#masker.mask(text)
  }

  /** Buffers the event (masked now, stored with the attempt's next batch): see `TraceBuffer`. */
  trace(kind: string, data: Record<string, unknown>): Promise<void> {
    this.#traces.add({
      executionId: this.execution.id,
      taskRunId: this.taskRun.id,
      kind,
      timestamp: new Date().toISOString(),
      data: this.#masker.maskDeep(data),
    })
    return Promise.resolve()
  }

  /** Stores the buffered trace events; the worker awaits it before reporting the attempt's end. */
  flushTraces(): Promise<void> {
    return this.#traces.flush()
  }

  async resolvePlugin<T = unknown>(object: PluginObject, path: string): Promise<ResolvedPlugin<T>> {
    const { registry } = this.#deps
    const defaults = orderPluginDefaults(this.#job.flow.pluginDefaults, this.#deps.pluginDefaults)
    const applied = applyPluginDefaults(object, defaults)
    const plugin = registry.get(applied.type)
    const position = this.#position()
    if (plugin?.kind !== 'component') {
      const where = `${position.file}:${position.line}:${position.column} (${position.path}.${path})`
      const components = registry
        .list()
        .filter((candidate) => candidate.kind === 'component')
        .map((candidate) => candidate.type)
      throw new VerityError(
        'PLUGIN_UNKNOWN',
        `${where}: unknown plugin type '${applied.type}'${didYouMean(applied.type, components)}`,
      )
    }
    const { type, ...props } = applied
    const rendered = await this.render(props)
    const parsed = parseTaskProps(
      plugin,
      rendered,
      lazyPosition(() => ({ ...position, path: `${position.path}.${path}` })),
    )
    return { type, props: parsed as T, plugin: plugin as ComponentPlugin }
  }

  runFlow(request: RunFlowRequest): Promise<ExecutionRecord> {
    return this.#deps.runFlow(request, this.#job, this.signal)
  }

  putFile(name: string, bytes: Uint8Array): Promise<string> {
    return this.#deps.store.files.put(this.execution.namespace, this.execution.id, name, bytes)
  }

  getFile(uri: string): Promise<Uint8Array> {
    return this.#deps.store.files.get(uri)
  }

  #kv(): RunContext['kv'] {
    const repository = this.#deps.store.kv
    const defaultNamespace = this.execution.namespace
    const reveal = (entry: KVEntry | undefined) => {
      if (entry?.secret) registerSecret(this.#masker, entry.value)
      return entry
    }
    return {
      get: async (key, namespace) => reveal(await repository.get(namespace ?? defaultNamespace, key)),
      set: async (key, value, options = {}) => {
        const expiresAt =
          options.ttl === undefined
            ? undefined
            : new Date(Date.now() + durationMs(options.ttl, 'ttl')).toISOString()
        const secret = options.secret ?? false
        if (secret) registerSecret(this.#masker, value)
        await repository.set({
          namespace: options.namespace ?? defaultNamespace,
          key,
          value,
          secret,
          expiresAt,
        })
      },
      delete: (key, namespace) => repository.delete(namespace ?? defaultNamespace, key),
    }
  }
}

function noSandbox(): VerityError {
  return new VerityError('SANDBOX_UNAVAILABLE', 'No sandbox is configured for this engine')
}
