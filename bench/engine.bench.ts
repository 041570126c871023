/**
 * Engine benchmark (`npm run bench:engine`): per-task-run overhead on 1,000 sequential Return tasks and on a
 * ForEach over 1,000 values, and throughput of a 3-task flow, all on SQLite in one process. Each row is compared
 * with a baseline measured in the same run: the same store writes done directly, without the engine.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { createEngine, type Engine } from '../src/engine/index.ts'
import { parseFlow } from '../src/flow/index.ts'
import { createDefaultRegistry } from '../src/plugins/index.ts'
import { MemoryQueue } from '../src/queue/index.ts'
import { createStore } from '../src/store/index.ts'
import type { ExecutionRecord, Store, TaskRunRecord } from '../src/store/types.ts'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void
const registry = createDefaultRegistry()

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function heapMb(): number {
  gc()
  return process.memoryUsage().heapUsed / 1024 / 1024
}

async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'verity-bench-'))
  const store = await createStore({ type: 'sqlite' }, dir)
  try {
    return await work(store)
  } finally {
    await store.close()
    await rm(dir, { recursive: true, force: true })
  }
}

async function withEngine<T>(work: (engine: Engine, store: Store) => Promise<T>): Promise<T> {
  return withStore(async (store) => {
    const queue = new MemoryQueue()
    const engine = createEngine({ store, queue, registry })
    await engine.start()
    try {
      return await work(engine, store)
    } finally {
      await engine.stop()
      await queue.close()
    }
  })
}

/** Median gap between consecutive task-run ends (the work is sequential) and the mean over the whole run. */
function perTaskRun(ends: number[]): { median: number; mean: number } {
  const gaps = ends.slice(1).map((end, index) => end - ends[index])
  return { median: median(gaps), mean: (ends.at(-1)! - ends[0]) / (ends.length - 1) }
}

const sequentialYaml = (count: number) =>
  `id: sequential\nnamespace: bench\ntasks:\n${Array.from(
    { length: count },
    (_, index) =>
      `  - id: t${index}\n    type: io.kestra.plugin.core.debug.Return\n    format: "{{ flow.id }} ${index}"\n`,
  ).join('')}`

const forEachYaml = (count: number) =>
  `id: loop\nnamespace: bench\ntasks:\n  - id: each\n    type: io.kestra.plugin.core.flow.ForEach\n    values: ${JSON.stringify(Array.from({ length: count }, (_, index) => index))}\n    tasks:\n      - id: item\n        type: io.kestra.plugin.core.debug.Return\n        format: "{{ taskrun.value }}"\n`

const threeTaskYaml = `id: three
namespace: bench
tasks:
  - id: ret
    type: io.kestra.plugin.core.debug.Return
    format: "{{ execution.id }}"
  - id: values
    type: io.kestra.plugin.core.output.OutputValues
    values:
      id: "{{ outputs.ret.value }}"
  - id: log
    type: io.kestra.plugin.core.log.Log
    message: "{{ outputs.values.values.id }}"
`

interface Row {
  case: string
  engine: string
  baseline: string
  note: string
}

async function runOnce(yaml: string, leafTaskId?: string) {
  return withEngine(async (engine, store) => {
    const flow = parseFlow(yaml, { file: 'bench.yaml', registry })
    // Warm-up execution (JIT, caches), then the measured one; ends are taken from engine events (µs clock).
    await engine.waitForTerminal((await engine.submit(flow)).id)
    const ends: number[] = []
    const subscription = await engine.events.subscribe((event) => {
      if (event.type !== 'task-run' || event.taskRun.state.current !== 'SUCCESS') return
      if (leafTaskId === undefined || event.taskRun.taskId === leafTaskId) ends.push(performance.now())
    })
    const before = heapMb()
    const started = performance.now()
    const created = await engine.submit(flow)
    const final = await engine.waitForTerminal(created.id)
    const elapsed = performance.now() - started
    await subscription.stop()
    const after = heapMb()
    if (final.state.current !== 'SUCCESS') throw new Error(`bench flow ended ${final.state.current}`)
    const runs = await store.taskRuns.listByExecution(final.id)
    return { elapsed, runs, before, after, ...perTaskRun(ends) }
  })
}

/** The engine's writes for `count` task runs done directly: create, running, success per run, each atomic. */
async function baselineTaskRuns(count: number): Promise<number> {
  return withStore(async (store) => {
    const date = new Date().toISOString()
    const execution: ExecutionRecord = {
      id: 'baseline',
      namespace: 'bench',
      flowId: 'sequential',
      flowRevision: 1,
      state: { current: 'RUNNING', histories: [{ state: 'RUNNING', date }], startDate: date },
      inputs: {},
      outputs: {},
      labels: {},
    }
    const started = performance.now()
    await store.executions.save(execution)
    for (let index = 0; index < count; index++) {
      const run: TaskRunRecord = {
        id: `run${index}`,
        executionId: execution.id,
        namespace: 'bench',
        flowId: 'sequential',
        taskId: `t${index}`,
        index,
        branch: 'tasks',
        state: { current: 'CREATED', histories: [{ state: 'CREATED', date }], startDate: date },
        attempts: [],
        outputs: {},
      }
      await store.transaction(() => store.taskRuns.save(run))
      run.state.current = 'RUNNING'
      run.attempts.push({ state: { current: 'RUNNING', histories: [], startDate: date } })
      await store.transaction(() => store.taskRuns.save(run))
      run.state.current = 'SUCCESS'
      run.outputs = { value: `sequential ${index}` }
      await store.transaction(() => store.taskRuns.save(run))
    }
    await store.executions.save({ ...execution, state: { ...execution.state, current: 'SUCCESS' } })
    return (performance.now() - started) / count
  })
}

async function throughput(executions: number): Promise<{ perSecond: number; latency: number }> {
  return withEngine(async (engine) => {
    const flow = parseFlow(threeTaskYaml, { file: 'three.yaml', registry })
    await engine.waitForTerminal((await engine.submit(flow)).id)
    const latencies: number[] = []
    const started = performance.now()
    const inFlight = 50
    let submitted = 0
    const lane = async () => {
      while (submitted < executions) {
        submitted++
        const begin = performance.now()
        const created = await engine.submit(flow)
        const final = await engine.waitForTerminal(created.id)
        if (final.state.current !== 'SUCCESS') throw new Error(`ended ${final.state.current}`)
        latencies.push(performance.now() - begin)
      }
    }
    await Promise.all(Array.from({ length: inFlight }, lane))
    const seconds = (performance.now() - started) / 1000
    return { perSecond: executions / seconds, latency: median(latencies) }
  })
}

/** The 3-task flow's writes without the engine: execution + 3 task runs × 3 states + 1 log line, per execution. */
async function baselineThroughput(executions: number): Promise<number> {
  return withStore(async (store) => {
    const started = performance.now()
    for (let index = 0; index < executions; index++) {
      const date = new Date().toISOString()
      const execution: ExecutionRecord = {
        id: `e${index}`,
        namespace: 'bench',
        flowId: 'three',
        flowRevision: 1,
        state: { current: 'CREATED', histories: [{ state: 'CREATED', date }], startDate: date },
        inputs: {},
        outputs: {},
        labels: {},
      }
      await store.executions.save(execution)
      await store.executions.save({ ...execution, state: { ...execution.state, current: 'RUNNING' } })
      for (let task = 0; task < 3; task++) {
        const run: TaskRunRecord = {
          id: `e${index}t${task}`,
          executionId: execution.id,
          namespace: 'bench',
          flowId: 'three',
          taskId: `t${task}`,
          index: task,
          state: { current: 'CREATED', histories: [{ state: 'CREATED', date }], startDate: date },
          attempts: [],
          outputs: {},
        }
        for (const state of ['CREATED', 'RUNNING', 'SUCCESS'] as const) {
          run.state.current = state
          await store.transaction(() => store.taskRuns.save(run))
        }
      }
      const log = { executionId: execution.id, namespace: 'bench', flowId: 'three', level: 'INFO' as const }
      await store.logs.append([{ ...log, message: execution.id, timestamp: date }])
      await store.executions.save({ ...execution, state: { ...execution.state, current: 'SUCCESS' } })
    }
    return executions / ((performance.now() - started) / 1000)
  })
}

const rows: Row[] = []
const ms = (value: number) => `${value.toFixed(3)} ms`

const sequential = await runOnce(sequentialYaml(1000))
const sequentialBaseline = await baselineTaskRuns(1000)
rows.push({
  case: '1,000 sequential Return: per task run (median / mean)',
  engine: `${ms(sequential.median)} / ${ms(sequential.mean)}`,
  baseline: ms(sequentialBaseline),
  note: `heap ${sequential.before.toFixed(1)} → ${sequential.after.toFixed(1)} MB, total ${(sequential.elapsed / 1000).toFixed(2)} s`,
})

const loop = await runOnce(forEachYaml(1000), 'item')
rows.push({
  case: 'ForEach over 1,000 values: per iteration (median / mean)',
  engine: `${ms(loop.median)} / ${ms(loop.mean)}`,
  baseline: ms(sequentialBaseline),
  note: `heap ${loop.before.toFixed(1)} → ${loop.after.toFixed(1)} MB, total ${(loop.elapsed / 1000).toFixed(2)} s`,
})

const executions = 1000
const rate = await throughput(executions)
const rawRate = await baselineThroughput(executions)
rows.push({
  case: `3-task flow (Return → OutputValues → Log), ${executions} executions, 50 in flight`,
  engine: `${rate.perSecond.toFixed(0)} exec/s`,
  baseline: `${rawRate.toFixed(0)} exec/s`,
  note: `median latency ${rate.latency.toFixed(1)} ms`,
})

console.log('\n| case | engine | baseline (raw store writes) | note |\n|---|---|---|---|')
for (const row of rows) console.log(`| ${row.case} | ${row.engine} | ${row.baseline} | ${row.note} |`)
console.log('\nGoals: ≤ 1 ms per task run (median), ≥ 200 executions/s.')
