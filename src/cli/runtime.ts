import { loadConfig, type VerityConfig } from '../config/index.ts'
import { createEngine, type Engine } from '../engine/index.ts'
import type { RunContext } from '../engine/run-context.ts'
import { createDefaultRegistry, type PluginRegistry } from '../plugins/index.ts'
import { createQueue, type Queue } from '../queue/index.ts'
import { createSandbox, type Sandbox } from '../sandbox/index.ts'
import { createStore, type Store } from '../store/index.ts'

/** Everything a command (or the server) needs, opened from the configuration in one place. */
export interface Runtime {
  config: VerityConfig
  store: Store
  queue: Queue
  registry: PluginRegistry
  /** Present when asked for (`engine: true`); already started. */
  engine?: Engine
  /** Stops the engine (waiting for running tasks at most `graceMs`), then closes queue, sandbox and store. */
  close(options?: { graceMs?: number }): Promise<void>
}

export interface RuntimeOptions {
  /** `--config` (else `VERITY_CONFIG`, else `./verity.yaml`). */
  configPath?: string
  /** Start an embedded engine (executor + worker; resumes executions a stopped process left unfinished). */
  engine?: boolean
  /** Extra directories to resolve Subflow calls from (besides the config's `flowsDir`). */
  flowsDirs?: string[]
}

/**
 * Shared CLI wiring: config → store → queue → registry → (sandbox, engine). The sandbox is created on first use,
 * so flows that run no code pay nothing for it.
 *
 * @example
 * const runtime = await openRuntime({ configPath: options.config, engine: true })
 * try { … runtime.engine!.submit(flow) … } finally { await runtime.close() }
 */
export async function openRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const config = loadConfig({ path: options.configPath })
  const store = await createStore(config.store, config.dataDir)
  const queue = await createQueue(config.queue)
  const registry = createDefaultRegistry()
  let sandbox: Sandbox | undefined
  const lazySandbox: RunContext['sandbox'] = {
    execute: (request) => {
      sandbox ??= createSandbox({ ...config.sandbox, prestart: 0 })
      return sandbox.execute(request)
    },
    languages: () => {
      sandbox ??= createSandbox({ ...config.sandbox, prestart: 0 })
      return sandbox.languages()
    },
  }
  let engine: Engine | undefined
  if (options.engine) {
    engine = createEngine({
      store,
      queue,
      registry,
      config,
      flowsDirs: options.flowsDirs,
      sandbox: lazySandbox,
    })
    await engine.start()
  }
  return {
    config,
    store,
    queue,
    registry,
    engine,
    async close({ graceMs = 5000 } = {}) {
      if (engine) {
        let timer: NodeJS.Timeout | undefined
        const grace = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, graceMs)
        })
        // Tasks still running after the grace period are failed "interrupted" by the next start's recovery.
        await Promise.race([engine.stop(), grace])
        clearTimeout(timer)
      }
      await queue.close()
      await sandbox?.close()
      await store.close()
    },
  }
}
