import type { ResolvedPlugin, RunContext } from '../../src/engine/run-context.ts'
import type { PluginObject } from '../../src/flow/types.ts'
import { aiPlugins } from '../../src/plugins/ai/index.ts'
import { PluginRegistry } from '../../src/plugins/registry.ts'
import {
  type ExecuteRequest,
  type ExecuteResult,
  type LanguageDefinition,
  STATUSES,
} from '../../src/sandbox/types.ts'
import type { ExecutionRecord, KVEntry } from '../../src/store/types.ts'

/** What a test can look at after running a plugin with a test RunContext. */
export interface TestRunContext extends RunContext {
  traces: { kind: string; data: Record<string, unknown> }[]
  logs: { level: string; message: string }[]
  files: Map<string, Uint8Array>
  kvEntries: Map<string, unknown>
  sandboxRequests: ExecuteRequest[]
}

/** Options of a test RunContext: the seams a test wants to script. */
export interface TestRunContextOptions {
  taskId?: string
  /** pluginDefaults by type prefix; `forced` ones override the object's own values. */
  pluginDefaults?: { type: string; values: Record<string, unknown>; forced?: boolean }[]
  /** Shared KV map, so two task runs can share memory. */
  kv?: Map<string, unknown>
  execute?: (request: ExecuteRequest) => Promise<ExecuteResult>
  languages?: LanguageDefinition[]
  runFlow?: RunContext['runFlow']
  /** The task's abort signal (timeout, kill). */
  signal?: AbortSignal
}

const registry = new PluginRegistry().register(...aiPlugins)

/**
 * A small hand-made RunContext for unit tests of AI plugins: `resolvePlugin` applies pluginDefaults and validates
 * with the registered component's schema (no template rendering: test values are literal), secrets are masked
 * the way the engine masks them, traces/logs/files/KV are kept in memory for assertions.
 */
export function testRunContext(options: TestRunContextOptions = {}): TestRunContext {
  const secrets = new Set<string>()
  const mask = (text: string) => {
    let masked = text
    for (const secret of secrets) masked = masked.split(secret).join('******')
    return masked
  }
  const traces: TestRunContext['traces'] = []
  const logs: TestRunContext['logs'] = []
  const files = new Map<string, Uint8Array>()
  const kvEntries = options.kv ?? new Map<string, unknown>()
  const sandboxRequests: ExecuteRequest[] = []
  const log = (level: string) => (message: string) => void logs.push({ level, message: mask(message) })
  const context: TestRunContext = {
    execution: { id: 'exec-1', namespace: 'company.ai', flowId: 'test', flowRevision: 1 },
    taskRun: { id: 'taskrun-1', taskId: options.taskId ?? 'agent', attemptNumber: 1 },
    signal: options.signal ?? new AbortController().signal,
    logger: {
      log: (level, message) => log(level)(message),
      trace: log('TRACE'),
      debug: log('DEBUG'),
      info: log('INFO'),
      warn: log('WARN'),
      error: log('ERROR'),
    },
    render: async (value) => value,
    renderString: async (template) => template,
    maskSecret: (value) => void (value.length > 0 && secrets.add(value)),
    mask,
    kv: {
      get: async (key, namespace = 'company.ai') => {
        const value = kvEntries.get(`${namespace}/${key}`)
        if (value === undefined) return undefined
        return { namespace, key, value, secret: false, updated: new Date().toISOString() } satisfies KVEntry
      },
      set: async (key, value, setOptions) =>
        void kvEntries.set(`${setOptions?.namespace ?? 'company.ai'}/${key}`, value),
      delete: async (key, namespace = 'company.ai') => kvEntries.delete(`${namespace}/${key}`),
    },
    sandbox: {
      execute: async (request) => {
        sandboxRequests.push(request)
        if (!options.execute) throw new Error('test sandbox: no execute scripted')
        return options.execute(request)
      },
      languages: async () => options.languages ?? [],
    },
    trace: async (kind, data) => void traces.push({ kind, data: JSON.parse(JSON.stringify(data)) }),
    resolvePlugin: async <T>(object: PluginObject, path: string): Promise<ResolvedPlugin<T>> => {
      const plugin = registry.get(object.type)
      if (plugin === undefined || plugin.kind !== 'component')
        throw new Error(`${path}: unknown type ${object.type}`)
      let values: Record<string, unknown> = { ...object }
      for (const pluginDefault of options.pluginDefaults ?? []) {
        if (!object.type.startsWith(pluginDefault.type)) continue
        values = pluginDefault.forced
          ? { ...values, ...pluginDefault.values }
          : { ...pluginDefault.values, ...values }
      }
      const { type: _type, ...props } = values
      const parsed = plugin.props.safeParse(props)
      if (!parsed.success) throw new Error(`${path}: ${parsed.error.message}`)
      return { type: plugin.type, props: parsed.data as T, plugin }
    },
    runFlow:
      options.runFlow ??
      (async (): Promise<ExecutionRecord> => {
        throw new Error('test: runFlow not scripted')
      }),
    putFile: async (name, bytes) => {
      const uri = `verity://test/${name}`
      files.set(uri, bytes)
      return uri
    },
    getFile: async (uri) => {
      const bytes = files.get(uri)
      if (!bytes) throw new Error(`no file ${uri}`)
      return bytes
    },
    traces,
    logs,
    files,
    kvEntries,
    sandboxRequests,
  }
  return context
}

const encoder = new TextEncoder()

/** A sandbox result as the real sandbox shapes it, for scripted executions. */
export function executeResult(partial: {
  stdout?: string
  stderr?: string
  exitCode?: number
  status?: ExecuteResult['status']
  reason?: ExecuteResult['reason']
}): ExecuteResult {
  const exitCode = partial.exitCode ?? 0
  return {
    status: partial.status ?? (exitCode === 0 ? STATUSES.ACCEPTED : STATUSES.RUNTIME_ERROR_NZEC),
    reason: partial.reason ?? (exitCode === 0 ? 'ok' : 'nonzero-exit'),
    stdout: { bytes: encoder.encode(partial.stdout ?? ''), truncated: false },
    stderr: { bytes: encoder.encode(partial.stderr ?? ''), truncated: false },
    exitCode,
    signal: null,
    time: 0.02,
    wallTime: 0.03,
    memory: 20_000,
    outputFiles: [],
  }
}

/** Languages as the sandbox registry describes them, enough for the CodeExecution tool. */
export const TEST_LANGUAGES: LanguageDefinition[] = [
  {
    id: 'javascript',
    name: 'JavaScript',
    version: '24.9.0',
    sourceFile: 'main.js',
    run: ['node', 'main.js'],
    judge0Ids: [102],
    requires: ['node'],
    debianPackages: [],
    set: 'core',
  },
  {
    id: 'python',
    name: 'Python',
    version: '3.11.2',
    sourceFile: 'main.py',
    run: ['python3', 'main.py'],
    judge0Ids: [71],
    requires: ['python3'],
    debianPackages: [],
    set: 'core',
  },
]
