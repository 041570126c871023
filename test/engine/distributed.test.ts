/**
 * Distributed mode: two engines (as two server processes would be) share one PostgreSQL store and queue. Each
 * has its own connections, so the database sees two separate sessions; only one executor decides at a time.
 */
import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import { createEngine, type Engine } from '../../src/engine/index.ts'
import { parseFlow } from '../../src/flow/index.ts'
import { createQueue, type Queue } from '../../src/queue/index.ts'
import { createStore } from '../../src/store/index.ts'
import {
  createTestSchema,
  dropTestSchema,
  TEST_DATABASE_URL,
} from '../../src/store/postgres/test-database.ts'
import type { Store } from '../../src/store/types.ts'
import { eventually } from '../eventually.ts'
import { registry } from './harness.ts'

interface Node {
  store: Store
  queue: Queue
  engine: Engine
}

let schema: string
const nodes: Node[] = []

async function startNode(): Promise<Node> {
  const store = await createStore({ type: 'postgres', url: TEST_DATABASE_URL, schema }, '.')
  const queue = await createQueue({ type: 'postgres', url: TEST_DATABASE_URL, schema })
  const engine = createEngine({ store, queue, registry })
  await engine.start()
  const node = { store, queue, engine }
  nodes.push(node)
  return node
}

async function stopNode(node: Node): Promise<void> {
  nodes.splice(nodes.indexOf(node), 1)
  await node.engine.stop()
  await node.queue.close()
  await node.store.close()
}

before(async () => {
  schema = await createTestSchema('verity_distributed')
})
after(async () => {
  for (const node of [...nodes]) await stopNode(node)
  await dropTestSchema(schema)
})

const flow = parseFlow(
  `id: fan_out
namespace: test.distributed
inputs:
  - id: n
    type: INT
tasks:
  - id: both
    type: io.kestra.plugin.core.flow.Parallel
    tasks:
      - id: each
        type: io.kestra.plugin.core.flow.ForEach
        values: ["a", "b", "c"]
        concurrencyLimit: 0
        tasks:
          - id: item
            type: io.kestra.plugin.core.debug.Return
            format: "{{ taskrun.value }}{{ inputs.n }}"
      - id: alone
        type: io.kestra.plugin.core.debug.Return
        format: "{{ inputs.n * 2 }}"
outputs:
  - id: doubled
    type: INT
    value: "{{ outputs.alone.value }}"
  - id: last
    type: STRING
    value: "{{ outputs.item.c.value }}"
`,
  { file: 'fan_out.yaml', registry },
)

async function runOn(nodesToUse: Node[], count: number) {
  const created = await Promise.all(
    Array.from({ length: count }, (_, n) =>
      (nodesToUse[n % nodesToUse.length] as Node).engine.submit(flow, { inputs: { n } }),
    ),
  )
  return Promise.all(
    created.map((execution, n) =>
      (nodesToUse[(n + 1) % nodesToUse.length] as Node).engine.waitForTerminal(execution.id),
    ),
  )
}

it('two engines on one database run every execution to its end, each decided once', {
  timeout: 60_000,
}, async () => {
  const first = await startNode()
  const second = await startNode()
  const finished = await runOn([first, second], 24)
  assert.deepEqual(
    finished.map((execution) => [execution.state.current, execution.outputs]),
    finished.map((_, n) => ['SUCCESS', { doubled: n * 2, last: `c${n}` }]),
  )
  const taskRuns = await first.store.taskRuns.listByExecution(finished[5]?.id as string)
  // Parallel, ForEach, 3 items and the lone Return: a task run created twice would show here.
  assert.equal(taskRuns.length, 6)
})

it('when the deciding engine stops, another takes over', { timeout: 60_000 }, async () => {
  const [first, second] = nodes as [Node, Node]
  await stopNode(first)
  const finished = await runOn([second], 6)
  assert.deepEqual(
    finished.map((execution) => execution.state.current),
    Array(6).fill('SUCCESS'),
  )
})

it('a retry pending when the deciding engine stops is taken up by the next one', {
  timeout: 60_000,
}, async () => {
  const [survivor] = nodes as [Node]
  const deciding = await startNode()
  // The survivor decides now; start the execution there, then hand over while its retry waits.
  await stopNode(survivor)
  const retrying = parseFlow(
    `id: retrying
namespace: test.distributed
tasks:
  - id: flaky
    type: io.kestra.plugin.core.execution.Fail
    errorMessage: always
    retry:
      type: constant
      interval: PT2S
      maxAttempt: 2
`,
    { file: 'retrying.yaml', registry },
  )
  // An execution that ends proves `deciding` has taken over (it is the only engine left) before a standby joins.
  await runOn([deciding], 1)
  const standby = await startNode()
  const created = await deciding.engine.submit(retrying, {})
  await eventually(
    async () =>
      (await deciding.store.taskRuns.listByExecution(created.id)).some(
        (run) => run.state.current === 'RETRYING',
      ),
    'the task to reach RETRYING',
    20_000,
  )
  await stopNode(deciding)
  const finished = await standby.engine.waitForTerminal(created.id)
  assert.equal(finished.state.current, 'FAILED')
  const [taskRun] = await standby.store.taskRuns.listByExecution(created.id)
  assert.equal(taskRun?.attempts.length, 2)
})
