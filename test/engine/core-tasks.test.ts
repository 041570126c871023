import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import { createHarness, type Harness } from './harness.ts'

let harness: Harness
before(async () => {
  harness = await createHarness()
})
after(() => harness.close())

const flow = (tasks: string, extra = '') => `id: core\nnamespace: test.engine\n${extra}tasks:\n${tasks}`

test('Log (message list, level), Return, OutputValues, typed flow outputs', async () => {
  const result = await harness.run(
    flow(
      `  - id: ret
    type: io.kestra.plugin.core.debug.Return
    format: "{{ inputs.count * 2 }}"
  - id: values
    type: io.kestra.plugin.core.output.OutputValues
    values:
      doubled: "{{ outputs.ret.value }}"
      flowId: "{{ flow.id }}"
  - id: log
    type: io.kestra.plugin.core.log.Log
    level: WARN
    message:
      - "first {{ outputs.values.values.doubled }}"
      - "second {{ task.id }}"
  - id: old
    type: io.kestra.core.tasks.log.Log
    message: older alias
`,
      `inputs:\n  - id: count\n    type: INT\noutputs:\n  - id: doubled\n    type: INT\n    value: "{{ outputs.ret.value }}"\n`,
    ),
    { inputs: { count: '21' } },
  )
  assert.equal(result.execution.state.current, 'SUCCESS')
  assert.deepEqual(result.execution.outputs, { doubled: 42 })
  assert.deepEqual(result.taskRun('values').outputs, { values: { doubled: '42', flowId: 'core' } })
  const logs = result.logs.filter((log) => log.taskId === 'log')
  assert.deepEqual(
    logs.map((log) => [log.level, log.message]),
    [
      ['WARN', 'first 42'],
      ['WARN', 'second log'],
    ],
  )
  assert.ok(result.logs.some((log) => log.message === 'older alias'))
})

test('Fail fails the execution with its message; a false condition lets it pass', async () => {
  const result = await harness.run(
    flow(`  - id: maybe
    type: io.kestra.plugin.core.execution.Fail
    condition: "{{ 1 > 2 }}"
  - id: fail
    type: io.kestra.plugin.core.execution.Fail
    errorMessage: "bad {{ flow.id }}"
  - id: never
    type: io.kestra.plugin.core.log.Log
    message: unreachable
`),
  )
  assert.equal(result.execution.state.current, 'FAILED')
  assert.equal(result.taskRun('maybe').state.current, 'SUCCESS')
  assert.equal(result.taskRun('fail').state.current, 'FAILED')
  assert.ok(result.logs.some((log) => log.level === 'ERROR' && log.message === 'bad core'))
  assert.ok(!result.taskRuns.some((run) => run.taskId === 'never'))
})

test('Sleep waits; Sequential runs in order; Parallel runs at once', async () => {
  const result = await harness.run(
    flow(`  - id: par
    type: io.kestra.plugin.core.flow.Parallel
    tasks:
      - id: s1
        type: io.kestra.plugin.core.flow.Sleep
        duration: PT0.3S
      - id: s2
        type: io.kestra.plugin.core.flow.Sleep
        duration: PT0.3S
  - id: seq
    type: io.kestra.plugin.core.flow.Sequential
    tasks:
      - id: one
        type: io.kestra.plugin.core.debug.Return
        format: one
      - id: two
        type: io.kestra.plugin.core.debug.Return
        format: "{{ outputs.one.value }}-two"
`),
  )
  assert.equal(result.execution.state.current, 'SUCCESS')
  const s1 = result.taskRun('s1').state
  const s2 = result.taskRun('s2').state
  // Parallel: the second started before the first ended.
  assert.ok(Date.parse(s2.startDate) < Date.parse(s1.endDate!))
  assert.ok(Date.parse(s1.endDate!) - Date.parse(s1.startDate) >= 300)
  assert.equal(result.taskRun('two').outputs.value, 'one-two')
  assert.equal(result.taskRun('two').parentTaskRunId, result.taskRun('seq').id)
})

test('If takes then or else; Switch picks the case or defaults', async () => {
  const result = await harness.run(
    flow(
      `  - id: check
    type: io.kestra.plugin.core.flow.If
    condition: "{{ inputs.n > 1 }}"
    then:
      - id: big
        type: io.kestra.plugin.core.debug.Return
        format: big
    else:
      - id: small
        type: io.kestra.plugin.core.debug.Return
        format: small
  - id: route
    type: io.kestra.plugin.core.flow.Switch
    value: "{{ inputs.n }}"
    cases:
      "1":
        - id: caseOne
          type: io.kestra.plugin.core.debug.Return
          format: one
      "5":
        - id: caseFive
          type: io.kestra.plugin.core.debug.Return
          format: five
    defaults:
      - id: other
        type: io.kestra.plugin.core.debug.Return
        format: other
`,
      'inputs:\n  - id: n\n    type: INT\n',
    ),
    { inputs: { n: 5 } },
  )
  assert.equal(result.execution.state.current, 'SUCCESS')
  const ran = result.taskRuns.map((run) => run.taskId).sort()
  assert.deepEqual(ran, ['big', 'caseFive', 'check', 'route'])
  assert.deepEqual(result.taskRun('check').outputs, { evaluationResult: true })
  assert.deepEqual(result.taskRun('route').outputs, { value: '5', defaults: false })
  assert.equal(result.taskRun('caseFive').branch, 'cases.5')
})

test('KV Set / Get / Delete and the kv() function', async () => {
  const result = await harness.run(
    flow(`  - id: set
    type: io.kestra.plugin.core.kv.Set
    key: answer
    value: "{{ 6 * 7 }}"
    kvType: NUMBER
  - id: setJson
    type: io.kestra.plugin.core.kv.Set
    key: config
    value:
      retries: 3
  - id: noOverwrite
    type: io.kestra.plugin.core.kv.Set
    key: answer
    value: 1
    overwrite: false
    allowFailure: true
  - id: get
    type: io.kestra.plugin.core.kv.Get
    key: answer
  - id: fn
    type: io.kestra.plugin.core.debug.Return
    format: "{{ kv('config').retries }} {{ kv('missing', errorOnMissing=false) ?? 'none' }}"
  - id: delete
    type: io.kestra.plugin.core.kv.Delete
    key: answer
  - id: getMissing
    type: io.kestra.plugin.core.kv.Get
    key: answer
`),
  )
  assert.equal(result.execution.state.current, 'WARNING')
  assert.equal(result.taskRun('noOverwrite').state.current, 'WARNING')
  assert.deepEqual(result.taskRun('get').outputs, { value: 42 })
  assert.equal(result.taskRun('fn').outputs.value, '3 none')
  assert.deepEqual(result.taskRun('delete').outputs, { deleted: true })
  assert.deepEqual(result.taskRun('getMissing').outputs, { value: null })
  assert.equal(await harness.store.kv.get('test.engine', 'answer'), undefined)
  assert.deepEqual((await harness.store.kv.get('test.engine', 'config'))?.value, { retries: 3 })
})

test('HTTP Request: method, JSON body, headers, outputs; 4xx fails unless allowed', async () => {
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => {
      body += chunk
    })
    request.on('end', () => {
      const status = request.url === '/missing' ? 404 : 201
      response.writeHead(status, {
        'content-type': 'application/json',
        'x-seen': request.headers['x-token'] ?? '',
      })
      response.end(JSON.stringify({ method: request.method, body, type: request.headers['content-type'] }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  try {
    const result = await harness.run(
      flow(`  - id: post
    type: io.kestra.plugin.core.http.Request
    uri: ${base}/things
    method: POST
    headers:
      x-token: abc
    body:
      name: "{{ flow.id }}"
  - id: missing
    type: io.kestra.plugin.core.http.Request
    uri: ${base}/missing
    options:
      allowFailed: true
  - id: strict
    type: io.kestra.plugin.core.http.Request
    uri: ${base}/missing
`),
    )
    const post = result.taskRun('post').outputs as {
      code: number
      headers: Record<string, string[]>
      body: string
    }
    assert.equal(post.code, 201)
    assert.deepEqual(post.headers['x-seen'], ['abc'])
    assert.deepEqual(JSON.parse(post.body), {
      method: 'POST',
      body: '{"name":"core"}',
      type: 'application/json',
    })
    assert.equal(result.taskRun('missing').outputs.code, 404)
    assert.equal(result.taskRun('strict').state.current, 'FAILED')
    assert.ok(result.logs.some((log) => /answered 404/.test(log.message)))
    assert.equal(result.execution.state.current, 'FAILED')
  } finally {
    server.close()
  }
})
