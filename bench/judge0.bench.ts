/**
 * `npm run bench:judge0`: Judge0 API latency and throughput for a `wait=true` Python hello world at client
 * concurrency 1, 2 and 16, next to calling the sandbox module directly in the same run; then an overload burst
 * that must end in 503s, not a collapse. Goal: the API adds ≤ 3 ms at p50 and keeps ≥ 90% of the module's
 * throughput.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { judge0ConfigSchema } from '../src/config/judge0.ts'
import { serverConfigSchema } from '../src/config/server.ts'
import type { SandboxRunner } from '../src/judge0/index.ts'
import { MemoryQueue } from '../src/queue/index.ts'
import { createSandbox, type ExecuteResult, type LanguageDefinition, STATUSES } from '../src/sandbox/index.ts'
import { detectLanguage, findLanguage } from '../src/sandbox/languages/index.ts'
import { createServer } from '../src/server/index.ts'
import { createStore } from '../src/store/index.ts'

const SOURCE = 'print("hello, world")'
const LEVELS = [1, 2, 16]
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 80)
const pool = availableParallelism()

const python = (await detectLanguage(findLanguage('python') as LanguageDefinition)) as LanguageDefinition
const dataDir = await mkdtemp(join(tmpdir(), 'verity-bench-judge0-'))
const store = await createStore({ type: 'sqlite' }, dataDir)
const sandbox = createSandbox({ concurrency: pool }, { languages: [python] })

async function startApi(maxQueueSize: number, runner: SandboxRunner = sandbox) {
  // One queue per server: servers sharing a queue would share its jobs.
  const queue = new MemoryQueue()
  const server = createServer({
    config: {
      server: serverConfigSchema.parse({ port: 0 }),
      judge0: judge0ConfigSchema.parse({ max_queue_size: maxQueueSize }),
    },
    store,
    queue,
    sandbox: runner,
    languages: [python],
    concurrency: pool,
    verityVersion: 'bench',
  })
  server.onClose(() => queue.close())
  const { url } = await server.listen()
  return { server, base: `${url}/judge0` }
}

interface Measure {
  latencies: number[]
  elapsed: number
}

/** Runs `total` calls with `concurrency` in flight, adding latencies (ms) and elapsed time to `into`. */
async function drive(concurrency: number, total: number, call: () => Promise<void>, into: Measure) {
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) {
        const begin = performance.now()
        await call()
        into.latencies.push(performance.now() - begin)
      }
    }),
  )
  into.elapsed += performance.now() - started
}

/**
 * Measures two ways of doing the same call in alternating blocks, so load from elsewhere on this shared machine
 * lands on both alike.
 */
async function compare(
  concurrency: number,
  total: number,
  baseline: () => Promise<void>,
  candidate: () => Promise<void>,
) {
  const a: Measure = { latencies: [], elapsed: 0 }
  const b: Measure = { latencies: [], elapsed: 0 }
  const block = Math.max(concurrency * 2, 10)
  for (let done = 0; done < total; done += block) {
    await drive(concurrency, Math.min(block, total - done), baseline, a)
    await drive(concurrency, Math.min(block, total - done), candidate, b)
  }
  return [summarize(a), summarize(b)] as const
}

function summarize(measure: Measure) {
  const sorted = [...measure.latencies].sort((x, y) => x - y)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number
  return { p50: at(0.5), p95: at(0.95), perSecond: (sorted.length / measure.elapsed) * 1000 }
}

const moduleCall = async () => {
  const result = await sandbox.execute({ language: 'python', source: SOURCE })
  if (result.status.id !== 3) throw new Error(`module run failed: ${result.status.description}`)
}

const postHello = (base: string) => async () => {
  const response = await fetch(`${base}/submissions?wait=true`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ language_id: 71, source_code: SOURCE }),
  })
  const body = (await response.json()) as { status?: { id: number } }
  if (response.status !== 201 || body.status?.id !== 3)
    throw new Error(`API run failed: ${JSON.stringify(body)}`)
}

/** A runner that answers at once: isolates what the API itself costs (HTTP, validation, store, queue, wait). */
const instantResult: ExecuteResult = {
  status: STATUSES.ACCEPTED,
  reason: 'ok',
  stdout: { bytes: Buffer.from('hello, world\n'), truncated: false },
  stderr: { bytes: new Uint8Array(), truncated: false },
  exitCode: 0,
  signal: null,
  time: 0.01,
  wallTime: 0.01,
  memory: 8000,
  outputFiles: [],
}
const instant: SandboxRunner = { execute: async () => instantResult }

const api = await startApi(100)
const apiCall = postHello(api.base)
const machinery = await startApi(100, instant)
const machineryCall = postHello(machinery.base)
const instantCall = async () => {
  await instant.execute({ language: 'python', source: SOURCE })
}

// Warm-up: toolchain caches, pre-started sandboxes, JIT, SQLite pages.
await compare(2, 10, moduleCall, apiCall)
await compare(2, 50, instantCall, machineryCall)

const rows: string[][] = []
for (const concurrency of LEVELS) {
  const [direct, viaApi] = await compare(concurrency, REQUESTS, moduleCall, apiCall)
  rows.push([
    String(concurrency),
    direct.p50.toFixed(1),
    viaApi.p50.toFixed(1),
    (viaApi.p50 - direct.p50).toFixed(1),
    direct.p95.toFixed(1),
    viaApi.p95.toFixed(1),
    direct.perSecond.toFixed(1),
    viaApi.perSecond.toFixed(1),
    `${((viaApi.perSecond / direct.perSecond) * 100).toFixed(0)}%`,
  ])
}
const machineryRows: string[][] = []
for (const concurrency of LEVELS) {
  const [, viaApi] = await compare(concurrency, REQUESTS * 5, instantCall, machineryCall)
  machineryRows.push([
    String(concurrency),
    viaApi.p50.toFixed(2),
    viaApi.p95.toFixed(2),
    viaApi.perSecond.toFixed(0),
  ])
}
await api.server.close()
await machinery.server.close()

// Overload: a burst far beyond max_queue_size must be refused with 503 while accepted work completes.
const small = await startApi(20)
const burst = 200
const codes = new Map<number, number>()
const tokens: string[] = []
const burstStarted = performance.now()
await Promise.all(
  Array.from({ length: burst }, async () => {
    const response = await fetch(`${small.base}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ language_id: 71, source_code: SOURCE }),
    })
    codes.set(response.status, (codes.get(response.status) ?? 0) + 1)
    const body = (await response.json()) as { token?: string }
    if (body.token) tokens.push(body.token)
  }),
)
const burstMs = performance.now() - burstStarted
for (const token of tokens) {
  for (;;) {
    const response = await fetch(`${small.base}/submissions/${token}?fields=status_id`)
    if (((await response.json()) as { status_id: number }).status_id > 2) break
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
const drainedMs = performance.now() - burstStarted
await small.server.close()
await sandbox.close()
await store.close()
await rm(dataDir, { recursive: true, force: true })

function table(header: string[], body: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((row) => (row[column] ?? '').length)),
  )
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => cell.padStart(widths[column] as number)).join(' | ')} |`
  return [
    line(header),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...body.map(line),
  ].join('\n')
}

console.log(
  `Judge0 API (POST /submissions?wait=true over HTTP) vs sandbox.execute() directly — Python hello world, ` +
    `${REQUESTS} requests per level, pool ${pool}, ms`,
)
console.log(
  table(
    [
      'clients',
      'module p50',
      'API p50',
      'added p50',
      'module p95',
      'API p95',
      'module/s',
      'API/s',
      'API/module',
    ],
    rows,
  ),
)
console.log(
  `\nAPI machinery alone (HTTP, validation, SQLite, queue, wait; an instant runner), ${REQUESTS * 5} requests per level, ms`,
)
console.log(table(['clients', 'p50', 'p95', 'submissions/s'], machineryRows))
console.log(
  `\nOverload: ${burst} concurrent POSTs, max_queue_size 20 → ${[...codes].map(([code, count]) => `${count}× ${code}`).join(', ')}; ` +
    `answered in ${burstMs.toFixed(0)} ms, every accepted submission finished after ${drainedMs.toFixed(0)} ms.`,
)
