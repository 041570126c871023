import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEngine, type Engine, type EngineOptions, registerFlowFile } from '../../src/engine/index.ts'
import { parseFlow } from '../../src/flow/index.ts'
import { createDefaultRegistry } from '../../src/plugins/index.ts'
import { MemoryQueue } from '../../src/queue/index.ts'
import { createStore } from '../../src/store/index.ts'
import type { ExecutionRecord, LogRecord, Store, TaskRunRecord } from '../../src/store/types.ts'

/** A real engine on a real SQLite store in a temp dir, for e2e flow tests. */
export interface Harness {
  dir: string
  store: Store
  engine: Engine
  /** Parses YAML, runs it to its end, returns the final execution with its task runs and logs. */
  run(yaml: string, options?: { inputs?: Record<string, unknown> }): Promise<RunResult>
  close(): Promise<void>
}

export interface RunResult {
  execution: ExecutionRecord
  taskRuns: TaskRunRecord[]
  logs: LogRecord[]
  /** The task run of `taskId` (the first one when there are several). */
  taskRun(taskId: string, value?: string): TaskRunRecord
}

export const registry = createDefaultRegistry()

export async function createHarness(
  options: Partial<Pick<EngineOptions, 'flowsDirs' | 'config' | 'registry'>> & { dir?: string } = {},
): Promise<Harness> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'verity-engine-')))
  const store = await createStore({ type: 'sqlite' }, dir)
  const queue = new MemoryQueue()
  const engine = createEngine({
    store,
    queue,
    registry: options.registry ?? registry,
    flowsDirs: options.flowsDirs,
    config: options.config,
  })
  await engine.start()
  return {
    dir,
    store,
    engine,
    async run(yaml, runOptions = {}) {
      const flow = parseFlow(yaml, { file: 'test.yaml', registry: options.registry ?? registry })
      registerFlowFile(flow, 'test.yaml')
      const created = await engine.submit(flow, { inputs: runOptions.inputs })
      const execution = await engine.waitForTerminal(created.id)
      return result(store, execution)
    },
    async close() {
      await engine.stop()
      await queue.close()
      await store.close()
      if (!options.dir) await rm(dir, { recursive: true, force: true })
    },
  }
}

export async function result(store: Store, execution: ExecutionRecord): Promise<RunResult> {
  const taskRuns = await store.taskRuns.listByExecution(execution.id)
  const logs = await store.logs.query({ executionId: execution.id })
  return {
    execution,
    taskRuns,
    logs,
    taskRun(taskId, value) {
      const found = taskRuns.find(
        (run) => run.taskId === taskId && (value === undefined || run.value === value),
      )
      if (!found) throw new Error(`no task run of ${taskId}${value === undefined ? '' : `[${value}]`}`)
      return found
    },
  }
}
