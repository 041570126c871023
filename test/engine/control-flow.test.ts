import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { parseFlow } from '../../src/flow/index.ts'
import { createHarness, type Harness, registry, result } from './harness.ts'

let harness: Harness
before(async () => {
  harness = await createHarness()
})
after(() => harness.close())

const fail = (id: string, extra = '') =>
  `  - id: ${id}\n    type: io.kestra.plugin.core.execution.Fail\n    errorMessage: boom ${id}\n${extra}`
const log = (id: string, extra = '') =>
  `  - id: ${id}\n    type: io.kestra.plugin.core.log.Log\n    message: ${id}\n${extra}`

test('errors then finally run after a failure; the execution stays FAILED', async () => {
  const run = await harness.run(
    `id: branches\nnamespace: test.engine\ntasks:\n${log('first')}${fail('broken')}${log('skipped')}errors:\n${log('handler', '    message: "handling {{ execution.id }}"\n')}finally:\n${log('cleanup')}`.replace(
      '    message: handler\n    message:',
      '    message:',
    ),
  )
  assert.equal(run.execution.state.current, 'FAILED')
  assert.deepEqual(
    run.taskRuns.map((taskRun) => [taskRun.taskId, taskRun.state.current]),
    [
      ['first', 'SUCCESS'],
      ['broken', 'FAILED'],
      ['handler', 'SUCCESS'],
      ['cleanup', 'SUCCESS'],
    ],
  )
  assert.ok(run.logs.some((entry) => entry.message === `handling ${run.execution.id}`))
})

test('flowable errors/finally; allowFailure turns the failure into WARNING', async () => {
  const run = await harness.run(`id: nested
namespace: test.engine
tasks:
  - id: seq
    type: io.kestra.plugin.core.flow.Sequential
    allowFailure: true
    tasks:
${fail('inner').replace(/^ {2}/gm, '      ')}    errors:
${log('seqHandler').replace(/^ {2}/gm, '      ')}    finally:
${log('seqFinally').replace(/^ {2}/gm, '      ')}${log('after')}`)
  assert.equal(run.execution.state.current, 'WARNING')
  assert.equal(run.taskRun('seq').state.current, 'WARNING')
  assert.equal(run.taskRun('seqHandler').parentTaskRunId, run.taskRun('seq').id)
  assert.equal(run.taskRun('seqHandler').branch, 'errors')
  assert.equal(run.taskRun('seqFinally').state.current, 'SUCCESS')
  assert.equal(run.taskRun('after').state.current, 'SUCCESS')
})

test('runIf false → SKIPPED; disabled tasks never run', async () => {
  const run = await harness.run(
    `id: conditions\nnamespace: test.engine\ntasks:\n${log('skipMe', '    runIf: "{{ 1 == 2 }}"\n')}${log('runMe', '    runIf: "true"\n')}${log('off', '    disabled: true\n')}`,
  )
  assert.equal(run.execution.state.current, 'SUCCESS')
  assert.equal(run.taskRun('skipMe').state.current, 'SKIPPED')
  assert.equal(run.taskRun('runMe').state.current, 'SUCCESS')
  assert.ok(!run.taskRuns.some((taskRun) => taskRun.taskId === 'off'))
})

test('constant retries: RETRYING, new attempts, warningOnRetry; exponential intervals grow', async () => {
  const run = await harness.run(`id: retries
namespace: test.engine
tasks:
  - id: flaky
    type: io.kestra.plugin.core.execution.Fail
    condition: "{{ taskrun.attemptsCount < 3 }}"
    retry:
      type: constant
      interval: PT0.05S
      maxAttempt: 5
      warningOnRetry: true
  - id: exponential
    type: io.kestra.plugin.core.execution.Fail
    allowFailure: true
    retry:
      type: exponential
      interval: PT0.1S
      delayFactor: 2
      maxInterval: PT10S
      maxAttempt: 4
`)
  const flaky = run.taskRun('flaky')
  assert.equal(flaky.state.current, 'WARNING')
  assert.equal(flaky.attempts.length, 3)
  assert.deepEqual(
    flaky.attempts.map((attempt) => attempt.state.current),
    ['FAILED', 'FAILED', 'SUCCESS'],
  )
  assert.ok(flaky.state.histories.some((history) => history.state === 'RETRYING'))
  const exponential = run.taskRun('exponential')
  assert.equal(exponential.attempts.length, 4)
  assert.equal(exponential.state.current, 'WARNING')
  const gaps = exponential.attempts
    .slice(1)
    .map(
      (attempt, index) =>
        Date.parse(attempt.state.startDate) - Date.parse(exponential.attempts[index].state.endDate!),
    )
  // 100 ms, 200 ms, 400 ms (at least; scheduling adds a little).
  assert.ok(gaps[0] >= 95 && gaps[1] >= 195 && gaps[2] >= 395, `gaps ${gaps}`)
  assert.ok(gaps[2] > gaps[1] && gaps[1] > gaps[0], `gaps ${gaps}`)
  assert.ok(run.logs.some((entry) => /retrying in PT0.2S/.test(entry.message)))
})

test('timeout aborts the task and fails it with a clear message', async () => {
  const run = await harness.run(
    `id: timeouts\nnamespace: test.engine\ntasks:\n  - id: slow\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT30S\n    timeout: PT0.2S\n`,
  )
  assert.equal(run.execution.state.current, 'FAILED')
  assert.ok(run.logs.some((entry) => entry.message === "Task 'slow' timed out after PT0.2S"))
  const slow = run.taskRun('slow').state
  assert.ok(Date.parse(slow.endDate!) - Date.parse(slow.startDate) < 5000)
})

test('logLevel filters a task’s logs below the level', async () => {
  const run = await harness.run(
    `id: levels\nnamespace: test.engine\ntasks:\n  - id: quiet\n    type: io.kestra.plugin.core.log.Log\n    level: INFO\n    logLevel: WARN\n    message: hidden\n  - id: loud\n    type: io.kestra.plugin.core.log.Log\n    level: ERROR\n    logLevel: WARN\n    message: shown\n`,
  )
  assert.ok(!run.logs.some((entry) => entry.message === 'hidden'))
  assert.ok(run.logs.some((entry) => entry.message === 'shown'))
})

test('kill: running tasks are aborted, nothing new starts, the execution ends KILLED', async () => {
  const flow = parseFlow(
    `id: killable\nnamespace: test.engine\ntasks:\n  - id: long\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT60S\n${log('next')}finally:\n${log('never')}`,
    { file: 'killable.yaml', registry },
  )
  const created = await harness.engine.submit(flow)
  const running = new Promise<void>((resolve) => {
    void harness.engine.events.subscribe((event) => {
      if (
        event.type === 'task-run' &&
        event.taskRun.taskId === 'long' &&
        event.taskRun.state.current === 'RUNNING'
      ) {
        resolve()
      }
    })
  })
  await running
  await harness.engine.kill(created.id)
  const final = await harness.engine.waitForTerminal(created.id)
  const run = await result(harness.store, final)
  assert.equal(final.state.current, 'KILLED')
  assert.equal(run.taskRun('long').state.current, 'KILLED')
  assert.deepEqual(
    run.taskRuns.map((taskRun) => taskRun.taskId),
    ['long'],
  )
  await assert.rejects(harness.engine.kill(created.id), /already ended KILLED/)
})

test('restart re-runs the failed task with a new attempt and continues', async () => {
  await harness.store.kv.set({ namespace: 'test.engine', key: 'gate', value: 'closed', secret: false })
  const flow = parseFlow(
    `id: restartable
namespace: test.engine
tasks:
${log('before')}${fail('gate', "    condition: \"{{ kv('gate') == 'closed' }}\"\n")}${log('afterGate')}errors:
${log('onError')}`,
    { file: 'restartable.yaml', registry },
  )
  const created = await harness.engine.submit(flow)
  const failed = await harness.engine.waitForTerminal(created.id)
  assert.equal(failed.state.current, 'FAILED')
  await harness.store.kv.set({ namespace: 'test.engine', key: 'gate', value: 'open', secret: false })
  await harness.engine.restart(created.id)
  const restarted = await harness.engine.waitForTerminal(created.id)
  // waitForTerminal may see the old FAILED state first: wait for the new end.
  const final =
    restarted.state.histories.filter((history) => history.state === 'RUNNING').length > 1
      ? restarted
      : await waitForRestartEnd(created.id)
  assert.equal(final.state.current, 'SUCCESS')
  const run = await result(harness.store, final)
  assert.equal(run.taskRun('gate').attempts.length, 2)
  assert.equal(run.taskRun('before').attempts.length, 1)
  assert.equal(run.taskRun('afterGate').state.current, 'SUCCESS')
  assert.equal(run.taskRun('onError').engineState?.superseded, true)
  await assert.rejects(harness.engine.restart(created.id), /only FAILED or KILLED/)
})

async function waitForRestartEnd(id: string) {
  for (;;) {
    const execution = await harness.store.executions.get(id)
    const runs = execution!.state.histories.filter((history) => history.state === 'RUNNING').length
    if (runs > 1 && execution!.state.endDate) return execution!
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
