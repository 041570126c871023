/**
 * Sandbox speed: hello world latency (p50/p95) in Python, JavaScript and C (run only: the C binary is compiled
 * once beforehand), and throughput at concurrency = cores, each next to the bare interpreter/binary started
 * without any sandbox in the same run. "cold" starts each sandbox on demand; "pre-started" takes one from the pool.
 * CPU/run is the whole machine's busy time per run during the throughput phase (all processes and the kernel):
 * at concurrency = cores the machine is saturated, so throughput is bounded by it.
 *   npm run bench:sandbox [-- --runs 60]
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createSandbox, type LanguageDefinition } from '../src/sandbox/index.ts'
import { coreLanguages } from '../src/sandbox/languages/index.ts'

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '40' }, prestart: { type: 'string', default: '2' } },
})
const RUNS = Number(values.runs)
const CORES = availableParallelism()
const LOADER = '/lib64/ld-linux-x86-64.so.2'

const directory = mkdtempSync(join(tmpdir(), 'verity-bench-'))
const programs = {
  python: { file: 'script.py', source: 'print("hello, world")' },
  javascript: { file: 'script.js', source: 'console.log("hello, world")' },
  c: { file: 'main.c', source: '#include <stdio.h>\nint main(void){ puts("hello, world"); return 0; }' },
}
for (const program of Object.values(programs)) writeFileSync(join(directory, program.file), program.source)
execFileSync('gcc', ['-O2', '-o', join(directory, 'a.out'), join(directory, 'main.c')])
const binary = execFileSync('cat', [join(directory, 'a.out')])

/** A precompiled binary, started through the dynamic loader (request files are not executable). */
const precompiled: LanguageDefinition = {
  id: 'c-binary',
  name: 'C (precompiled)',
  sourceFile: 'a.out',
  run: [LOADER, './a.out'],
  judge0Ids: [],
  requires: [LOADER],
  debianPackages: [],
  set: 'core',
}
const languages = [
  ...coreLanguages.filter((language) => ['python', 'javascript'].includes(language.id)),
  precompiled,
]
const byId = (id: string) => languages.find((language) => language.id === id) as LanguageDefinition

interface Case {
  name: string
  bare: string[]
  language: string
  source: string | Uint8Array
}
const cases: Case[] = [
  {
    name: 'Python',
    bare: ['/usr/bin/python3', 'script.py'],
    language: 'python',
    source: programs.python.source,
  },
  {
    name: 'JavaScript',
    bare: [process.execPath, 'script.js'],
    language: 'javascript',
    source: programs.javascript.source,
  },
  { name: 'C (run only)', bare: ['./a.out'], language: 'c-binary', source: binary },
]

function bare(argv: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0] as string, argv.slice(1), {
      cwd: directory,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { PATH: '/usr/bin:/bin' },
    })
    child.stdout.resume()
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${argv[0]} exited ${code}`))))
  })
}

const cold = createSandbox({ prestart: 0, concurrency: CORES, queueSize: 1000 }, { languages })
const sandbox = createSandbox(
  { prestart: Number(values.prestart), concurrency: CORES, queueSize: 1000 },
  { languages },
)

async function sandboxed(test: Case, service = sandbox): Promise<void> {
  const result = await service.execute({ language: test.language, source: test.source })
  if (result.status.id !== 3)
    throw new Error(
      `${test.name}: ${result.status.description} ${result.message ?? ''} ${Buffer.from(result.stderr.bytes)}`,
    )
}

async function latencies(run: () => Promise<void>): Promise<number[]> {
  const times: number[] = []
  for (let index = 0; index < RUNS; index++) {
    const start = performance.now()
    await run()
    times.push(performance.now() - start)
  }
  return times.sort((a, b) => a - b)
}

/** Busy CPU time of the whole machine so far (every process and the kernel's own work), in ms. */
function machineCpuMs(): number {
  const [, user, nice, system, , , irq, softirq] =
    readFileSync('/proc/stat', 'latin1').split('\n')[0]?.split(/\s+/) ?? []
  // /proc/stat counts in USER_HZ ticks, 100 per second on Linux.
  return [user, nice, system, irq, softirq].reduce((sum, ticks) => sum + Number(ticks) * 10, 0)
}

/** Runs per second at concurrency = cores, and the machine's CPU time per run (what bounds throughput). */
async function throughput(run: () => Promise<void>): Promise<{ rate: number; cpuMs: number }> {
  let next = 0
  const start = performance.now()
  const cpuBefore = machineCpuMs()
  await Promise.all(
    Array.from({ length: CORES }, async () => {
      while (next++ < RUNS) await run()
    }),
  )
  const rate = RUNS / ((performance.now() - start) / 1000)
  return { rate, cpuMs: (machineCpuMs() - cpuBefore) / RUNS }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] as number
const ms = (value: number) => `${value.toFixed(1)} ms`

const rows: string[][] = []
for (const test of cases) {
  byId(test.language)
  // Warm up both paths (page cache, pool, supervisor build).
  for (let index = 0; index < 3; index++) {
    await bare(test.bare)
    await sandboxed(test)
  }
  const bareTimes = await latencies(() => bare(test.bare))
  const sandboxTimes = await latencies(() => sandboxed(test))
  const coldTimes = await latencies(() => sandboxed(test, cold))
  const bareRun = await throughput(() => bare(test.bare))
  const sandboxRun = await throughput(() => sandboxed(test))
  rows.push([
    test.name,
    ms(percentile(bareTimes, 50)),
    ms(percentile(coldTimes, 50)),
    ms(percentile(sandboxTimes, 50)),
    `${(percentile(sandboxTimes, 50) / percentile(bareTimes, 50)).toFixed(2)}×`,
    ms(percentile(bareTimes, 95)),
    ms(percentile(sandboxTimes, 95)),
    `${bareRun.rate.toFixed(1)}/s`,
    `${sandboxRun.rate.toFixed(1)}/s`,
    `${((sandboxRun.rate / bareRun.rate) * 100).toFixed(0)}%`,
    ms(bareRun.cpuMs),
    ms(sandboxRun.cpuMs),
  ])
}
await sandbox.close()
await cold.close()
rmSync(directory, { recursive: true, force: true })

const header = [
  'hello world',
  'bare p50',
  'cold sandbox p50',
  'pre-started p50',
  'p50 ratio',
  'bare p95',
  'sandbox p95',
  `bare runs/s (c=${CORES})`,
  'sandbox runs/s',
  'throughput',
  'bare CPU/run',
  'sandbox CPU/run',
]
const widths = header.map((title, column) =>
  Math.max(title.length, ...rows.map((row) => (row[column] as string).length)),
)
const line = (cells: string[]) =>
  `| ${cells.map((cell, column) => cell.padEnd(widths[column] as number)).join(' | ')} |`
console.log(`sandbox benchmark: ${RUNS} runs per measurement, ${CORES} cores, prestart ${values.prestart}\n`)
console.log([line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n'))
