/** A flow's `concurrency`: at most `limit` executions run; the others are QUEUED, CANCELLED or FAILED. */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { registerFlowFile } from '../../src/engine/index.ts'
import { parseFlow } from '../../src/flow/index.ts'
import type { ExecutionRecord, ExecutionState } from '../../src/store/types.ts'
import { eventually } from '../eventually.ts'
import { createHarness, type Harness, registry } from './harness.ts'

let harness: Harness
before(async () => {
  harness = await createHarness()
})
after(() => harness.close())

function limited(id: string, behavior: string, limit = 1) {
  const flow = parseFlow(
    `id: ${id}
namespace: test.concurrency
concurrency:
  limit: ${limit}
  behavior: ${behavior}
tasks:
  - id: pause
    type: io.kestra.plugin.core.flow.Sleep
    duration: PT0.3S
`,
    { file: `${id}.yaml`, registry },
  )
  registerFlowFile(flow, `${id}.yaml`)
  return flow
}

async function runAtOnce(flow: ReturnType<typeof limited>, count: number): Promise<ExecutionRecord[]> {
  const created = []
  for (let index = 0; index < count; index++) created.push(await harness.engine.submit(flow, {}))
  return Promise.all(created.map((execution) => harness.engine.waitForTerminal(execution.id)))
}

const went = (execution: ExecutionRecord, state: ExecutionState) =>
  execution.state.histories.some((entry) => entry.state === state)
const dateOf = (execution: ExecutionRecord, state: ExecutionState) =>
  Date.parse(execution.state.histories.find((entry) => entry.state === state)?.date ?? '')

test('QUEUE: the others wait their turn, then run one after another', async () => {
  const finished = await runAtOnce(limited('queued', 'QUEUE'), 3)
  assert.deepEqual(
    finished.map((execution) => execution.state.current),
    ['SUCCESS', 'SUCCESS', 'SUCCESS'],
  )
  assert.deepEqual(
    finished.map((execution) => went(execution, 'QUEUED')),
    [false, true, true],
  )
  // No two ran at once: each starts running after the one before it ended, in the order they were created.
  for (let index = 1; index < finished.length; index++) {
    const previous = finished[index - 1] as ExecutionRecord
    const current = finished[index] as ExecutionRecord
    assert.ok(dateOf(current, 'RUNNING') >= Date.parse(previous.state.endDate ?? ''), 'ran one at a time')
  }
  const logs = await harness.store.logs.query({ executionId: (finished[1] as ExecutionRecord).id })
  assert.ok(
    logs.some((log) =>
      /Queued: the flow's concurrency limit of 1 running execution is reached/.test(log.message),
    ),
  )
})

test('a limit of 2 runs two at once', async () => {
  const finished = await runAtOnce(limited('two', 'QUEUE', 2), 3)
  assert.deepEqual(
    finished.map((execution) => went(execution, 'QUEUED')),
    [false, false, true],
  )
})

for (const [behavior, state, level] of [
  ['CANCEL', 'CANCELLED', 'WARN'],
  ['FAIL', 'FAILED', 'ERROR'],
] as const) {
  test(`${behavior}: an execution over the limit ends ${state} without running a task`, async () => {
    const finished = await runAtOnce(limited(`over_${behavior.toLowerCase()}`, behavior), 2)
    assert.deepEqual(
      finished.map((execution) => execution.state.current),
      ['SUCCESS', state],
    )
    const rejected = finished[1] as ExecutionRecord
    assert.deepEqual(await harness.store.taskRuns.listByExecution(rejected.id), [])
    const logs = await harness.store.logs.query({ executionId: rejected.id })
    assert.ok(
      logs.some(
        (log) =>
          log.level === level &&
          log.message ===
            `Not started: the flow's concurrency limit of 1 running execution is reached (behavior ${behavior})`,
      ),
      JSON.stringify(logs),
    )
  })
}

test('a queued execution can be killed, and the next one still runs', async () => {
  const flow = limited('killed_in_queue', 'QUEUE')
  const first = await harness.engine.submit(flow, {})
  const second = await harness.engine.submit(flow, {})
  const third = await harness.engine.submit(flow, {})
  await eventually(
    async () => (await harness.store.executions.get(second.id))?.state.current === 'QUEUED',
    'the second execution to be queued',
  )
  await harness.engine.kill(second.id)
  const states = await Promise.all(
    [first, second, third].map(
      async (execution) => (await harness.engine.waitForTerminal(execution.id)).state.current,
    ),
  )
  assert.deepEqual(states, ['SUCCESS', 'KILLED', 'SUCCESS'])
})
