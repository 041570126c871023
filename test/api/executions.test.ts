import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { type ApiHarness, HELLO, openApi, postFlow } from './harness.ts'

let api: ApiHarness
const FAILING = `id: flaky
namespace: company.team
tasks:
  - id: first
    type: io.kestra.plugin.core.log.Log
    message: one
  - id: boom
    type: io.kestra.plugin.core.execution.Fail
    condition: "{{ kv('flaky.pass', errorOnMissing=false) == null }}"
    errorMessage: broken
`
const UPLOAD = `id: upload
namespace: company.team
inputs:
  - id: doc
    type: FILE
  - id: count
    type: INT
tasks:
  - id: show
    type: io.kestra.plugin.core.log.Log
    message: "{{ inputs.doc }} {{ inputs.count }}"
`

before(async () => {
  api = await openApi()
  for (const source of [HELLO, UPLOAD]) assert.equal((await postFlow(api, source)).status, 200)
})
after(() => api.close())

test('POST /executions with JSON inputs and ?wait=true returns the finished execution', async () => {
  const response = await api.request(
    '/api/v1/main/executions/company.team/hello?wait=true&labels=team:data',
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Ada' }),
    },
  )
  assert.equal(response.status, 200)
  const execution = await response.json()
  assert.equal(execution.state.current, 'SUCCESS')
  assert.equal(execution.state.histories[0].state, 'CREATED')
  assert.match(execution.state.duration, /^PT/)
  assert.deepEqual(execution.outputs, { greeting: 'Hello Ada' })
  assert.deepEqual(execution.labels, [{ key: 'team', value: 'data' }])
  assert.equal(execution.taskRunList[0].taskId, 'say')
  assert.equal(execution.taskRunList[0].attempts[0].state.current, 'SUCCESS')

  const got = await (await api.request(`/api/v1/executions/${execution.id}`)).json()
  assert.equal(got.id, execution.id)
  const logs = await (await api.request(`/api/v1/main/logs/${execution.id}?minLevel=INFO&taskId=say`)).json()
  assert.ok(logs.some((log: { message: string }) => log.message === 'Hello Ada'))
  const none = await (await api.request(`/api/v1/main/logs/${execution.id}?minLevel=ERROR`)).json()
  assert.deepEqual(none, [])
  assert.deepEqual(await (await api.request(`/api/v1/main/executions/${execution.id}/trace`)).json(), [])
})

test('inputs errors name the input; unknown flows and executions are 404', async () => {
  const bad = await api.request('/api/v1/main/executions/company.team/upload', {
    method: 'POST',
    body: JSON.stringify({ count: 'many' }),
  })
  assert.equal(bad.status, 422)
  const body = await bad.json()
  const paths = body.errors.map((error: { path: string }) => error.path).sort()
  assert.deepEqual(paths, ['inputs.count', 'inputs.doc'])
  const notJson = await api.request('/api/v1/main/executions/company.team/hello', {
    method: 'POST',
    body: '{',
  })
  assert.equal((await notJson.json()).errors[0].path, 'body')
  assert.equal(
    (await api.request('/api/v1/main/executions/company.team/nope', { method: 'POST' })).status,
    404,
  )
  assert.equal((await api.request('/api/v1/main/executions/doesNotExist')).status, 404)
  const badLabel = await api.request('/api/v1/main/executions/company.team/hello?labels=nocolon', {
    method: 'POST',
  })
  assert.equal((await badLabel.json()).errors[0].path, 'query.labels')
})

test('multipart inputs store FILE inputs in the store', async () => {
  const form = new FormData()
  form.append('count', '3')
  form.append('doc', new Blob(['file body']), 'notes.txt')
  const response = await api.request('/api/v1/main/executions/company.team/upload?wait=true', {
    method: 'POST',
    body: form,
  })
  const execution = await response.json()
  assert.equal(execution.state.current, 'SUCCESS', JSON.stringify(execution))
  assert.equal(execution.inputs.count, 3)
  assert.match(execution.inputs.doc, /^verity:\/\/\/company\.team\/.+\/notes\.txt$/)
  assert.equal(new TextDecoder().decode(await api.store.files.get(execution.inputs.doc)), 'file body')
})

test('search filters by namespace, flow, state, labels and dates, with paging', async () => {
  const all = await (
    await api.request('/api/v1/main/executions/search?namespace=company.team&size=100')
  ).json()
  assert.ok(all.total >= 2)
  const labelled = await (await api.request('/api/v1/executions/search?labels=team:data')).json()
  assert.equal(labelled.total, 1)
  const success = await (
    await api.request('/api/v1/executions/search?flowId=hello&state=SUCCESS&state=FAILED')
  ).json()
  assert.ok(success.results.every((execution: { flowId: string }) => execution.flowId === 'hello'))
  const future = await (await api.request('/api/v1/executions/search?startDate=2999-01-01T00:00:00Z')).json()
  assert.equal(future.total, 0)
  const paged = await (await api.request('/api/v1/executions/search?size=1&page=1')).json()
  assert.equal(paged.results.length, 1)
  const bad = await api.request('/api/v1/executions/search?state=DONE')
  assert.equal(bad.status, 422)
  assert.equal((await bad.json()).errors[0].path, 'query.state')
})

test('restart re-runs the failed task; replay makes a new execution; kill and delete', async () => {
  assert.equal((await postFlow(api, FAILING)).status, 200)
  const failed = await (
    await api.request('/api/v1/main/executions/company.team/flaky?wait=true', { method: 'POST' })
  ).json()
  assert.equal(failed.state.current, 'FAILED')
  const notRestartable = await api.request(`/api/v1/main/executions/${failed.id}/kill`, { method: 'DELETE' })
  assert.equal(notRestartable.status, 400)

  await api.store.kv.set({ namespace: 'company.team', key: 'flaky.pass', value: true, secret: false })
  const restarted = await api.request(`/api/v1/main/executions/${failed.id}/restart`, { method: 'POST' })
  assert.equal(restarted.status, 200, await restarted.clone().text())
  const done = await api.engine.waitForTerminal(failed.id)
  assert.equal(done.state.current, 'SUCCESS')

  const replay = await (
    await api.request(`/api/v1/main/executions/${failed.id}/replay`, { method: 'POST' })
  ).json()
  assert.notEqual(replay.id, failed.id)
  assert.equal(replay.originalId, failed.id)
  assert.equal((await api.engine.waitForTerminal(replay.id)).state.current, 'SUCCESS')

  const runs = await api.store.taskRuns.listByExecution(failed.id)
  const boom = runs.find((run) => run.taskId === 'boom')
  const fromTask = await api.request(`/api/v1/main/executions/${failed.id}/replay?taskRunId=${boom?.id}`, {
    method: 'POST',
  })
  const partial = await fromTask.json()
  assert.equal(partial.originalId, failed.id)
  const final = await api.engine.waitForTerminal(partial.id)
  assert.equal(final.state.current, 'SUCCESS')
  const replayedRuns = await api.store.taskRuns.listByExecution(partial.id)
  assert.deepEqual(replayedRuns.map((run) => run.taskId).sort(), ['boom', 'first'])
  const missing = await api.request(`/api/v1/main/executions/${failed.id}/replay?taskRunId=nope`, {
    method: 'POST',
  })
  assert.equal(missing.status, 404)

  assert.equal((await api.request(`/api/v1/main/executions/${failed.id}`, { method: 'DELETE' })).status, 204)
  assert.equal((await api.request(`/api/v1/main/executions/${failed.id}`)).status, 404)
})

test('kill ends a running execution KILLED', async () => {
  const SLOW =
    'id: slow\nnamespace: company.team\ntasks:\n  - id: wait\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT30S\n'
  assert.equal((await postFlow(api, SLOW)).status, 200)
  const started = await (
    await api.request('/api/v1/main/executions/company.team/slow', { method: 'POST' })
  ).json()
  assert.equal(
    (await api.request(`/api/v1/main/executions/${started.id}/kill`, { method: 'DELETE' })).status,
    202,
  )
  assert.equal((await api.engine.waitForTerminal(started.id)).state.current, 'KILLED')
})

test('the OpenAPI document describes every route the API serves', async () => {
  const document = await (await api.request('/api/v1/openapi.json')).json()
  const described = new Set<string>()
  for (const [path, methods] of Object.entries(document.paths as Record<string, object>)) {
    for (const method of Object.keys(methods)) described.add(`${method.toUpperCase()} ${path}`)
  }
  const tenantLessAlias = /^\/api\/v1\/(flows|executions|logs|plugins|namespaces)/
  const served = api.app.routes
    .filter((route) => route.method !== 'ALL' && !tenantLessAlias.test(route.path))
    .map((route) => `${route.method} ${route.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`)
  assert.ok(served.length > 30, `only ${served.length} routes found`)
  for (const route of served) assert.ok(described.has(route), `${route} is missing from openapi.json`)
})

test('GET /executions/{id}/trace returns the agent trace events in order, after a seq', async () => {
  const execution = await (
    await api.request('/api/v1/main/executions/company.team/hello?wait=true', { method: 'POST' })
  ).json()
  const taskRunId = execution.taskRunList[0].id
  const timestamp = new Date().toISOString()
  await api.store.traces.append([
    { executionId: execution.id, taskRunId, kind: 'llm-request', timestamp, data: { call: 1 } },
    { executionId: execution.id, taskRunId, kind: 'code-execution', timestamp, data: { language: 'python' } },
  ])
  const traces = await (await api.request(`/api/v1/main/executions/${execution.id}/trace`)).json()
  assert.deepEqual(
    traces.map((trace: { kind: string }) => trace.kind),
    ['llm-request', 'code-execution'],
  )
  const after = await (
    await api.request(`/api/v1/executions/${execution.id}/trace?afterSeq=${traces[0].seq}`)
  ).json()
  assert.deepEqual(
    after.map((trace: { kind: string }) => trace.kind),
    ['code-execution'],
  )
  assert.equal((await api.request('/api/v1/executions/nope/trace')).status, 404)
})

test('GET /executions/{id}/file downloads the execution’s own files only', async () => {
  const form = new FormData()
  form.append('count', '1')
  form.append('doc', new Blob(['hello file']), 'a b.txt')
  const execution = await (
    await api.request('/api/v1/main/executions/company.team/upload?wait=true', { method: 'POST', body: form })
  ).json()
  const url = `/api/v1/main/executions/${execution.id}/file?path=${encodeURIComponent(execution.inputs.doc)}`
  const response = await api.request(url)
  assert.equal(response.status, 200)
  assert.equal(await response.text(), 'hello file')
  assert.match(response.headers.get('content-disposition') ?? '', /a%20b\.txt/)
  const other = await (
    await api.request('/api/v1/main/executions/company.team/hello?wait=true', { method: 'POST' })
  ).json()
  const foreign = await api.request(
    `/api/v1/executions/${other.id}/file?path=${encodeURIComponent(execution.inputs.doc)}`,
  )
  assert.equal(foreign.status, 422)
  assert.equal((await foreign.json()).errors[0].path, 'query.path')
  const notUri = await api.request(`/api/v1/executions/${other.id}/file?path=/etc/passwd`)
  assert.equal((await notUri.json()).errors[0].path, 'query.path')
})
