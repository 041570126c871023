/**
 * Store hot paths on SQLite, against raw `node:sqlite` doing the same writes in the same run.
 * `npm run bench:store` — prints µs per operation (median of rounds).
 */
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadSqlite } from '../src/store/sqlite/driver.ts'
import { openSqliteStore } from '../src/store/sqlite/index.ts'
import type { ExecutionRecord, LogRecord, TaskRunRecord } from '../src/store/types.ts'

const ROUNDS = 5
const OPERATIONS = 2000
const directory = await mkdtemp(join(tmpdir(), 'verity-bench-store-'))
const store = await openSqliteStore({ dataDir: join(directory, 'verity') })
const { DatabaseSync } = await loadSqlite()
const raw = new DatabaseSync(join(directory, 'raw.db'))
raw.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
  CREATE TABLE t (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, execution_id TEXT NOT NULL, data TEXT NOT NULL)`)
const rawUpsert = raw.prepare(
  'INSERT INTO t (id, execution_id, data) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data',
)

const now = new Date().toISOString()
const state = {
  current: 'RUNNING' as const,
  histories: [{ state: 'RUNNING' as const, date: now }],
  startDate: now,
}
const execution = (): ExecutionRecord => ({
  id: randomUUID(),
  namespace: 'bench',
  flowId: 'three-tasks',
  flowRevision: 1,
  state,
  inputs: { name: 'world' },
  outputs: {},
  labels: { env: 'bench' },
})
const taskRun = (executionId: string, index: number): TaskRunRecord => ({
  id: randomUUID(),
  executionId,
  namespace: 'bench',
  flowId: 'three-tasks',
  taskId: `task${index}`,
  index,
  state,
  attempts: [{ state }],
  outputs: { value: 'hello world' },
})
const parent = execution()
await store.executions.save(parent)
const updated = taskRun(parent.id, 0)
await store.taskRuns.save(updated)

async function measure(work: (index: number) => unknown): Promise<number> {
  const samples: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now()
    for (let index = 0; index < OPERATIONS; index++) await work(index)
    samples.push(((performance.now() - start) * 1000) / OPERATIONS)
  }
  return samples.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]
}

const logs = (): LogRecord[] =>
  Array.from({ length: 10 }, (_, line) => ({
    executionId: parent.id,
    namespace: 'bench',
    flowId: 'three-tasks',
    level: 'INFO',
    message: `line ${line}`,
    timestamp: now,
  }))

console.log(`load average ${loadavg()[0].toFixed(1)}`)
const rows: [string, number, string][] = [
  [
    'raw node:sqlite upsert, autocommit (baseline)',
    await measure(() => rawUpsert.run(randomUUID(), 'e', JSON.stringify(taskRun('e', 0)))),
    '',
  ],
  ['taskRuns.save (new run)', await measure(() => store.taskRuns.save(taskRun(parent.id, 0))), ''],
  [
    'taskRuns.save (update of a run)',
    await measure((index) => store.taskRuns.save({ ...updated, outputs: { value: index } })),
    'only the JSON column is rewritten',
  ],
  ['executions.save (new execution)', await measure(() => store.executions.save(execution())), ''],
  ['logs.append, batches of 10 (per line)', (await measure(() => store.logs.append(logs()))) / 10, ''],
  [
    'transaction: execution + 3 task runs + 3 updates',
    await measure(() =>
      store.transaction(async () => {
        const record = execution()
        await store.executions.save(record)
        const runs = [0, 1, 2].map((index) => taskRun(record.id, index))
        await store.taskRuns.saveMany(runs)
        await store.taskRuns.saveMany(runs)
      }),
    ),
    '≈ one 3-task execution',
  ],
]
console.log('| operation | µs/op | note |\n|---|---:|---|')
for (const [name, micros, note] of rows) console.log(`| ${name} | ${micros.toFixed(1)} | ${note} |`)
await store.close()
raw.close()
await rm(directory, { recursive: true, force: true })
