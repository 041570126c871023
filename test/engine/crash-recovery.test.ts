import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { createStore } from '../../src/store/index.ts'
import type { Store } from '../../src/store/types.ts'
import { createHarness, type RunResult, result } from './harness.ts'

const MAIN = join(import.meta.dirname, '../../src/cli/main.ts')

/** Starts `verity run` in a child process and SIGKILLs it once `sleepy` is RUNNING; returns the execution id. */
async function runAndKill(dir: string, flow: string): Promise<string> {
  const file = join(dir, 'flow.yaml')
  await writeFile(file, flow)
  const child: ChildProcess = spawn(process.execPath, [MAIN, 'run', file], {
    cwd: dir,
    env: { ...process.env, VERITY_HOME: join(dir, 'data') },
    stdio: 'ignore',
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  let store: Store | undefined
  try {
    for (let tries = 0; tries < 400; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      store ??= await createStore({ type: 'sqlite' }, join(dir, 'data')).catch(() => undefined)
      if (!store) continue
      const [execution] = (await store.executions.list({})).results
      if (!execution) continue
      const runs = await store.taskRuns.listByExecution(execution.id)
      if (runs.some((run) => run.taskId === 'sleepy' && run.state.current === 'RUNNING')) {
        child.kill('SIGKILL')
        await exited
        return execution.id
      }
    }
    throw new Error('the child never reached the sleepy task')
  } finally {
    child.kill('SIGKILL')
    await store?.close()
  }
}

const flow = (retry: string) => `id: crashy
namespace: test.crash
tasks:
  - id: first
    type: io.kestra.plugin.core.debug.Return
    format: done before the crash
  - id: sleepy
    type: io.kestra.plugin.core.flow.Sleep
    duration: "{{ taskrun.attemptsCount == 1 ? 'PT60S' : 'PT0.05S' }}"
${retry}  - id: last
    type: io.kestra.plugin.core.log.Log
    message: resumed to the end
`

/** Runs `yaml` in a process killed mid-task, restarts Verity on the same data and returns how the run ended. */
async function restartAfterKill(yaml: string): Promise<RunResult> {
  const dir = await mkdtemp(join(tmpdir(), 'verity-crash-'))
  try {
    const id = await runAndKill(dir, yaml)
    const harness = await createHarness({ dir: join(dir, 'data') })
    try {
      return await result(harness.store, await harness.engine.waitForTerminal(id))
    } finally {
      await harness.close()
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

test('after a SIGKILL mid-task, the next start fails the interrupted task with a reason, never leaves it RUNNING', async () => {
  const run = await restartAfterKill(flow(''))
  assert.equal(run.execution.state.current, 'FAILED')
  assert.equal(run.taskRun('first').state.current, 'SUCCESS')
  assert.equal(run.taskRun('sleepy').state.current, 'FAILED')
  assert.ok(!run.taskRuns.some((taskRun) => taskRun.taskId === 'last'))
  assert.ok(
    run.logs.some((log) =>
      /Task 'sleepy' was interrupted: Verity stopped while it was RUNNING \(attempt 1\)/.test(log.message),
    ),
  )
  assert.ok(
    run.logs.some((log) => /Verity stopped while this execution was running; resuming it/.test(log.message)),
  )
})

test('with a retry policy the interrupted task gets a new attempt and the execution resumes to SUCCESS', async () => {
  const run = await restartAfterKill(
    flow('    retry:\n      type: constant\n      interval: PT0.01S\n      maxAttempt: 2\n'),
  )
  assert.equal(run.execution.state.current, 'SUCCESS')
  assert.equal(run.taskRun('sleepy').attempts.length, 2)
  assert.equal(run.taskRun('first').attempts.length, 1, 'finished work is not redone')
  assert.ok(run.logs.some((log) => log.message === 'resumed to the end'))
})

test('an unfinished execution whose flow cannot be loaded ends FAILED with the reason logged', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'verity-crash-'))
  try {
    const store = await createStore({ type: 'sqlite' }, dir)
    const date = new Date().toISOString()
    await store.executions.save({
      id: 'orphan',
      namespace: 'test.crash',
      flowId: 'gone',
      flowRevision: 7,
      state: { current: 'RUNNING', histories: [{ state: 'RUNNING', date }], startDate: date },
      inputs: {},
      outputs: {},
      labels: {},
      engineState: { owner: 'elsewhere:1:dead' },
    })
    await store.close()
    const harness = await createHarness({ dir })
    try {
      // The owner on another host is presumed alive: not taken over.
      assert.equal((await harness.store.executions.get('orphan'))?.state.current, 'RUNNING')
    } finally {
      await harness.close()
    }
    const reopened = await createStore({ type: 'sqlite' }, dir)
    const orphan = (await reopened.executions.get('orphan'))!
    await reopened.executions.save({ ...orphan, engineState: { owner: `${hostname()}:999999999:dead` } })
    await reopened.close()
    const second = await createHarness({ dir })
    try {
      const final = await second.engine.waitForTerminal('orphan')
      assert.equal(final.state.current, 'FAILED')
      const logs = await second.store.logs.query({ executionId: 'orphan' })
      assert.ok(
        logs.some((log) =>
          /the engine could not go on: Flow test.crash.gone revision 7 is not in the store/.test(log.message),
        ),
        logs.map((log) => log.message).join('\n'),
      )
    } finally {
      await second.close()
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
