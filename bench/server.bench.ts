/**
 * `npm run bench:server`: Kestra's benchmark shape. A flow `Webhook trigger → OutputValues → Log` is driven over
 * loopback by autocannon (a separate process, so the load generator does not share the server's event loop) at
 * increasing request rates, embedded mode (executor + worker + SQLite in this process). The trigger has `wait: true`,
 * so the client's latency is end to end: trigger sent → response after SUCCESS. For each rate: executions per
 * minute that reached SUCCESS (from the executions' own start and end dates) and that latency p50/p99. Baseline in the same run: a bare Hono hello route at the same rates (HTTP latency only).
 * Goal: ≥ 6,000 executions/min with p99 < 1 s.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { serverConfigSchema } from '../src/config/server.ts'
import { createEngine } from '../src/engine/index.ts'
import { createDefaultRegistry } from '../src/plugins/index.ts'
import { MemoryQueue } from '../src/queue/index.ts'
import { createRestApi } from '../src/server/api/index.ts'
import { createStore, type ExecutionRecord } from '../src/store/index.ts'

const RATES = (process.env.BENCH_RATES ?? '50,100,150,200,300').split(',').map(Number)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const FLOW = `id: bench
namespace: bench
tasks:
  - id: out
    type: io.kestra.plugin.core.output.OutputValues
    values:
      n: "{{ trigger.body.n }}"
  - id: log
    type: io.kestra.plugin.core.log.Log
    message: "got {{ outputs.out.values.n }}"
triggers:
  - id: hook
    type: io.kestra.plugin.core.trigger.Webhook
    key: benchkey
    wait: true
`

const dataDir = await mkdtemp(join(tmpdir(), 'verity-bench-server-'))
const store = await createStore({ type: 'sqlite' }, dataDir)
const queue = new MemoryQueue()
const registry = createDefaultRegistry()
const engine = createEngine({ store, queue, registry })
await engine.start()
const api = await createRestApi({
  store,
  engine,
  registry,
  config: { server: serverConfigSchema.parse({}) },
  verityVersion: 'bench',
  log: (message) => process.stderr.write(`${message}\n`),
})
const app = new Hono()
app.get('/hello', (context) => context.text('hello'))
app.route('/', api.app)
const http = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 })
await new Promise((resolve) => http.once('listening', resolve))
const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
await app.request('/api/v1/main/flows', { method: 'POST', body: FLOW })

interface Cannon {
  requests: { average: number }
  latency: { p50: number; p99: number }
  non2xx: number
  errors: number
}

/** autocannon in its own process at a fixed overall rate; resolves with its JSON summary. */
function cannon(url: string, rate: number, method: string): Promise<Cannon> {
  const args = ['autocannon', '-j', '-c', '100', '-d', String(SECONDS), '-R', String(rate), '-m', method]
  if (method === 'POST') args.push('-H', 'Content-Type=application/json', '-b', '{"n":1}')
  return new Promise((resolve, reject) => {
    const child = spawn('npx', [...args, url], { stdio: ['ignore', 'pipe', 'ignore'] })
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
    })
    child.on('error', reject)
    child.on('close', () => {
      try {
        resolve(JSON.parse(out))
      } catch (error) {
        reject(error)
      }
    })
  })
}

/** Waits until no execution of the flow is left unfinished (or 60 s passed). */
async function drained(): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 250) {
    if ((await store.executions.listUnfinished()).length === 0) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/** Every bench execution started after `since`, page by page (the store serves at most 1,000 per page). */
async function executionsSince(since: string): Promise<ExecutionRecord[]> {
  const all: ExecutionRecord[] = []
  for (let page = 1; ; page++) {
    const { results, total } = await store.executions.list({
      flowId: 'bench',
      startAfter: since,
      page,
      size: 1000,
    })
    all.push(...results)
    if (results.length === 0 || all.length >= total) return all
  }
}

const rows: string[] = []
for (const rate of RATES) {
  const hello = await cannon(`${base}/hello`, rate, 'GET')
  const since = new Date().toISOString()
  const load = await cannon(`${base}/api/v1/main/executions/webhook/bench/bench/benchkey`, rate, 'POST')
  await drained()
  const results = await executionsSince(since)
  const done = results.filter((execution) => execution.state.current === 'SUCCESS' && execution.state.endDate)
  const first = Math.min(...done.map((execution) => Date.parse(execution.state.startDate)))
  const last = Math.max(...done.map((execution) => Date.parse(execution.state.endDate as string)))
  const perMinute = (done.length / Math.max(1, last - first)) * 60_000
  const failed = results.length - done.length + load.non2xx + load.errors
  rows.push(
    `| ${rate * 60} | ${Math.round(perMinute)} | ${load.latency.p50} | ${load.latency.p99} | ${failed} | ` +
      `${hello.latency.p50} | ${hello.latency.p99} |`,
  )
  process.stderr.write(`rate ${rate}/s done: ${done.length} executions\n`)
}

process.stdout.write(
  [
    `Webhook → OutputValues → Log, embedded (SQLite), ${SECONDS} s per rate, autocannon -c 100 over loopback`,
    '',
    '| offered/min | executions/min (SUCCESS) | e2e p50 ms | e2e p99 ms | failed | baseline hello p50 ms | baseline hello p99 ms |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
  ].join('\n'),
)
await api.close()
http.close()
await engine.stop()
await queue.close()
await store.close()
await rm(dataDir, { recursive: true, force: true })
