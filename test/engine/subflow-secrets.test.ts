import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { MASK } from '../../src/engine/index.ts'
import { createHarness, type Harness } from './harness.ts'

let harness: Harness
let flowsDir: string
before(async () => {
  flowsDir = await mkdtemp(join(tmpdir(), 'verity-flows-'))
  await writeFile(
    join(flowsDir, 'child.yaml'),
    `id: child
namespace: test.sub
inputs:
  - id: n
    type: INT
tasks:
  - id: double
    type: io.kestra.plugin.core.debug.Return
    format: "{{ inputs.n * 2 }}"
  - id: maybeFail
    type: io.kestra.plugin.core.execution.Fail
    condition: "{{ inputs.n < 0 }}"
outputs:
  - id: doubled
    type: INT
    value: "{{ outputs.double.value }}"
`,
  )
  await writeFile(
    join(flowsDir, 'ping.yaml'),
    'id: ping\nnamespace: test.sub\ntasks:\n  - id: call\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: test.sub\n    flowId: pong\n',
  )
  await writeFile(
    join(flowsDir, 'pong.yaml'),
    'id: pong\nnamespace: test.sub\ntasks:\n  - id: call\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: test.sub\n    flowId: ping\n',
  )
  harness = await createHarness({ flowsDirs: [flowsDir] })
})
after(async () => {
  await harness.close()
  await rm(flowsDir, { recursive: true, force: true })
})

const parent = (n: number, extra = '') => `id: parent
namespace: test.sub
tasks:
  - id: call
    type: io.kestra.plugin.core.flow.Subflow
    namespace: test.sub
    flowId: child
    inputs:
      n: ${n}
${extra}  - id: use
    type: io.kestra.plugin.core.debug.Return
    format: "{{ outputs.call.outputs.doubled + 1 }}"
`

test('Subflow runs the child from the flows directory and exposes its outputs', async () => {
  const run = await harness.run(parent(21))
  assert.equal(run.execution.state.current, 'SUCCESS')
  const call = run.taskRun('call').outputs as {
    executionId: string
    state: string
    outputs: { doubled: number }
  }
  assert.equal(call.state, 'SUCCESS')
  assert.deepEqual(call.outputs, { doubled: 42 })
  assert.equal(run.taskRun('use').outputs.value, '43')
  const child = await harness.store.executions.get(call.executionId)
  assert.equal(child?.parentExecutionId, run.execution.id)
  assert.equal(child?.parentTaskRunId, run.taskRun('call').id)
})

test('a failed child fails the Subflow task (transmitFailed), unless disabled', async () => {
  const failed = await harness.run(parent(-1))
  assert.equal(failed.execution.state.current, 'FAILED')
  assert.ok(failed.logs.some((log) => /Subflow test.sub.child execution \w+ ended FAILED/.test(log.message)))
  const tolerated = await harness.run(
    parent(-1, '    transmitFailed: false\n').replace('  - id: use', '  - id: use\n    runIf: "false"'),
  )
  assert.equal(tolerated.execution.state.current, 'SUCCESS')
  assert.equal((tolerated.taskRun('call').outputs as { state: string }).state, 'FAILED')
})

test('a Subflow cycle fails with the chain named', async () => {
  const run = await harness.run(
    'id: start\nnamespace: test.sub\ntasks:\n  - id: go\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: test.sub\n    flowId: ping\n',
  )
  assert.equal(run.execution.state.current, 'FAILED')
  const logs = await harness.store.logs.query({ executionId: run.execution.id })
  assert.ok(
    logs.some((log) => /ended FAILED/.test(log.message)),
    'the parent sees the child fail',
  )
  const all = await harness.store.executions.list({ namespace: 'test.sub', flowId: 'pong' })
  const pong = all.results.find((execution) => execution.state.current === 'FAILED')!
  const pongLogs = await harness.store.logs.query({ executionId: pong.id })
  assert.ok(
    pongLogs.some(
      (log) =>
        log.message === 'Subflow cycle: test.sub.start → test.sub.ping → test.sub.pong → test.sub.ping',
    ),
    pongLogs.map((log) => log.message).join('\n'),
  )
})

test('secrets from secret() and secret KV entries are masked in logs, outputs and errors', async () => {
  process.env.SECRET_API_TOKEN = Buffer.from('tok-123456').toString('base64')
  await harness.store.kv.set({ namespace: 'test.sub', key: 'db_password', value: 'pa55word!', secret: true })
  const run = await harness.run(`id: secrets
namespace: test.sub
tasks:
  - id: show
    type: io.kestra.plugin.core.log.Log
    message: "token={{ secret('API_TOKEN') }} db={{ secret('db_password') }}"
  - id: out
    type: io.kestra.plugin.core.debug.Return
    format: "{{ secret('API_TOKEN') }}"
  - id: fail
    type: io.kestra.plugin.core.execution.Fail
    errorMessage: "leaked {{ kv('db_password') }}"
outputs:
  - id: token
    type: STRING
    value: "{{ outputs.out.value }}"
`)
  delete process.env.SECRET_API_TOKEN
  const text = JSON.stringify({ logs: run.logs, runs: run.taskRuns, execution: run.execution })
  assert.ok(!text.includes('tok-123456') && !text.includes('pa55word!'), text)
  assert.ok(run.logs.some((log) => log.message === `token=${MASK} db=${MASK}`))
  assert.equal(run.taskRun('out').outputs.value, MASK)
  assert.ok(run.logs.some((log) => log.message === `leaked ${MASK}`))
})

test('a missing secret is a clear error', async () => {
  const run = await harness.run(
    'id: nosecret\nnamespace: test.sub\ntasks:\n  - id: show\n    type: io.kestra.plugin.core.log.Log\n    message: "{{ secret(\'NOPE\') }}"\n',
  )
  assert.equal(run.execution.state.current, 'FAILED')
  assert.ok(
    run.logs.some((log) =>
      /Secret 'NOPE' not found: set the environment variable SECRET_NOPE/.test(log.message),
    ),
  )
})
