import type { PluginObject } from '../flow/types.ts'
import type { ComponentPlugin } from '../plugins/define.ts'
import type { ExecuteRequest, ExecuteResult, LanguageDefinition } from '../sandbox/types.ts'
import type { ExecutionRecord, KVEntry, LogLevel } from '../store/types.ts'

/**
 * What a plugin sees of the engine. A plugin never imports the engine's internals: everything it may do goes
 * through this interface, which is what lets runnable tasks move to remote workers.
 */
export interface RunContext {
  readonly execution: { id: string; namespace: string; flowId: string; flowRevision: number }
  readonly taskRun: { id: string; taskId: string; value?: string; attemptNumber: number }
  /** Aborted when the task times out or the execution is killed. Long-running plugins must honour it. */
  readonly signal: AbortSignal
  readonly logger: TaskLogger

  /** Renders a value deeply: strings are templates, objects/arrays are walked. `extraVars` add to the context. */
  render(value: unknown, extraVars?: Record<string, unknown>): Promise<unknown>
  /** Renders one template to a string. */
  renderString(template: string, extraVars?: Record<string, unknown>): Promise<string>

  /** Registers a secret value so it is masked (`******`) in logs, outputs, traces and errors from now on. */
  maskSecret(value: string): void
  /** Masks every registered secret in a string. */
  mask(text: string): string

  /** KV store of the execution's namespace (or another one). */
  readonly kv: {
    get(key: string, namespace?: string): Promise<KVEntry | undefined>
    set(
      key: string,
      value: unknown,
      options?: { namespace?: string; ttl?: string; secret?: boolean },
    ): Promise<void>
    delete(key: string, namespace?: string): Promise<boolean>
  }

  /** The sandbox: the only way a plugin runs untrusted code. */
  readonly sandbox: {
    execute(request: ExecuteRequest): Promise<ExecuteResult>
    languages(): Promise<LanguageDefinition[]>
  }

  /**
   * Appends a structured trace event (LLM turns, tool calls, code executions) to this task run. The engine may
   * buffer it: it is stored (or the attempt fails) before the task run is reported finished.
   */
  trace(kind: string, data: Record<string, unknown>): Promise<void>

  /**
   * Resolves a nested typed object (an AI `provider`, `tool`, `memory`…): applies pluginDefaults (global and
   * flow), validates it against its plugin's schema and renders its properties. Throws a user-facing error naming
   * the path when the type is unknown or a property is invalid.
   */
  resolvePlugin<T = unknown>(object: PluginObject, path: string): Promise<ResolvedPlugin<T>>

  /** Runs another flow to its end (used by tools that run flows) and returns its final execution. */
  runFlow(request: {
    namespace: string
    flowId: string
    inputs?: Record<string, unknown>
    labels?: Record<string, string>
    wait?: boolean
  }): Promise<ExecutionRecord>

  /** Stores a file produced by the task; returns a `verity://` URI usable as an output. */
  putFile(name: string, bytes: Uint8Array): Promise<string>
  /** Reads a file previously stored (input FILE or another task's output). */
  getFile(uri: string): Promise<Uint8Array>
}

export interface TaskLogger {
  log(level: LogLevel, message: string): void
  trace(message: string): void
  debug(message: string): void
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

/** A nested plugin after defaults, validation and rendering. */
export interface ResolvedPlugin<T = unknown> {
  type: string
  /** Validated, rendered properties. */
  props: T
  /** The plugin definition (provider, tool, memory…) to instantiate from. */
  plugin: ComponentPlugin
}
