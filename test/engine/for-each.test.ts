import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createHarness, type Harness } from './harness.ts'

let harness: Harness
before(async () => {
  harness = await createHarness()
})
after(() => harness.close())

test('ForEach: taskrun.value, outputs.task[value], JSON-string values, concurrency 1 is sequential', async () => {
  const run = await harness.run(`id: loop
namespace: test.engine
tasks:
  - id: list
    type: io.kestra.plugin.core.debug.Return
    format: '["a", "b", "c"]'
  - id: each
    type: io.kestra.plugin.core.flow.ForEach
    values: "{{ outputs.list.value }}"
    tasks:
      - id: upper
        type: io.kestra.plugin.core.debug.Return
        format: "{{ taskrun.value | upper }}"
      - id: sibling
        type: io.kestra.plugin.core.debug.Return
        format: "{{ outputs.upper[taskrun.value].value }}!"
  - id: collect
    type: io.kestra.plugin.core.debug.Return
    format: "{{ outputs.upper['a'].value }}{{ outputs.upper.b.value }}{{ outputs.sibling['c'].value }}"
outputs:
  - id: joined
    type: STRING
    value: "{{ outputs.collect.value }}"
`)
  assert.equal(run.execution.state.current, 'SUCCESS')
  assert.equal(run.execution.outputs.joined, 'ABC!')
  const uppers = run.taskRuns.filter((taskRun) => taskRun.taskId === 'upper')
  assert.deepEqual(
    uppers.map((taskRun) => taskRun.value),
    ['a', 'b', 'c'],
  )
  // concurrencyLimit 1 (the default): an iteration starts after the previous one ended.
  const siblings = run.taskRuns.filter((taskRun) => taskRun.taskId === 'sibling')
  for (let index = 1; index < 3; index++) {
    assert.ok(Date.parse(uppers[index].state.startDate) >= Date.parse(siblings[index - 1].state.endDate!))
  }
})

test('ForEach concurrencyLimit 0 runs every iteration at once; object values become JSON', async () => {
  const run = await harness.run(`id: loopAll
namespace: test.engine
tasks:
  - id: each
    type: io.kestra.plugin.core.flow.ForEach
    concurrencyLimit: 0
    values:
      - {"n": 1}
      - {"n": 2}
      - {"n": 3}
    tasks:
      - id: nap
        type: io.kestra.plugin.core.flow.Sleep
        duration: PT0.2S
`)
  const naps = run.taskRuns.filter((taskRun) => taskRun.taskId === 'nap')
  assert.deepEqual(
    naps.map((taskRun) => taskRun.value),
    ['{"n":1}', '{"n":2}', '{"n":3}'],
  )
  const lastStart = Math.max(...naps.map((taskRun) => Date.parse(taskRun.state.startDate)))
  const firstEnd = Math.min(...naps.map((taskRun) => Date.parse(taskRun.state.endDate!)))
  assert.ok(lastStart < firstEnd, 'all three slept at the same time')
})

test('ForEach concurrencyLimit 2 never runs more than two iterations at once', async () => {
  const run = await harness.run(`id: loopTwo
namespace: test.engine
tasks:
  - id: each
    type: io.kestra.plugin.core.flow.ForEach
    concurrencyLimit: 2
    values: [1, 2, 3, 4]
    tasks:
      - id: nap
        type: io.kestra.plugin.core.flow.Sleep
        duration: PT0.1S
`)
  const naps = run.taskRuns.filter((taskRun) => taskRun.taskId === 'nap')
  assert.equal(naps.length, 4)
  for (const nap of naps) {
    const start = Date.parse(nap.state.startDate)
    const overlapping = naps.filter(
      (other) => Date.parse(other.state.startDate) <= start && Date.parse(other.state.endDate!) > start,
    )
    assert.ok(overlapping.length <= 2, `${overlapping.length} iterations overlapped`)
  }
})

test('nested ForEach: parent.taskrun.value and outputs.task[outer][inner]', async () => {
  const run = await harness.run(`id: nested
namespace: test.engine
tasks:
  - id: outer
    type: io.kestra.plugin.core.flow.ForEach
    values: [x, y]
    tasks:
      - id: inner
        type: io.kestra.plugin.core.flow.ForEach
        values: [1, 2]
        tasks:
          - id: pair
            type: io.kestra.plugin.core.debug.Return
            format: "{{ parent.taskrun.value }}{{ taskrun.value }}"
  - id: pick
    type: io.kestra.plugin.core.debug.Return
    format: "{{ outputs.pair['y']['1'].value }} {{ outputs.pair.x['2'].value }}"
`)
  assert.equal(run.execution.state.current, 'SUCCESS')
  const pairs = run.taskRuns
    .filter((taskRun) => taskRun.taskId === 'pair')
    .map((taskRun) => taskRun.outputs.value)
  assert.deepEqual(pairs, ['x1', 'x2', 'y1', 'y2'])
  assert.equal(run.taskRun('pick').outputs.value, 'y1 x2')
})

test('a failing iteration stops new iterations and fails the ForEach', async () => {
  const run = await harness.run(`id: loopFail
namespace: test.engine
tasks:
  - id: each
    type: io.kestra.plugin.core.flow.ForEach
    values: [ok, bad, later]
    tasks:
      - id: check
        type: io.kestra.plugin.core.execution.Fail
        condition: "{{ taskrun.value == 'bad' }}"
`)
  assert.equal(run.execution.state.current, 'FAILED')
  assert.deepEqual(
    run.taskRuns
      .filter((taskRun) => taskRun.taskId === 'check')
      .map((taskRun) => [taskRun.value, taskRun.state.current]),
    [
      ['ok', 'SUCCESS'],
      ['bad', 'FAILED'],
    ],
  )
})
