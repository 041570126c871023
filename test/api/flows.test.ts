import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { type ApiHarness, HELLO, openApi, postFlow } from './harness.ts'

let api: ApiHarness
before(async () => {
  api = await openApi()
})
after(() => api.close())

test('POST /flows creates a flow and returns Kestra’s flow JSON', async () => {
  const response = await postFlow(api, HELLO)
  assert.equal(response.status, 200)
  const flow = await response.json()
  assert.equal(flow.id, 'hello')
  assert.equal(flow.namespace, 'company.team')
  assert.equal(flow.revision, 1)
  assert.equal(flow.source, HELLO)
  assert.equal(flow.tasks[0].id, 'say')
  const again = await postFlow(api, HELLO)
  assert.equal(again.status, 409)
  assert.match((await again.json()).message, /already exists/)
})

test('an invalid flow is a 422 with line and column per issue', async () => {
  const response = await postFlow(
    api,
    'id: bad\nnamespace: company.team\ntasks:\n  - id: x\n    type: io.kestra.plugin.core.log.Logg\n',
  )
  assert.equal(response.status, 422)
  const body = await response.json()
  assert.equal(body.code, 'FLOW_VALIDATION')
  assert.ok(body.errors.length >= 1)
  assert.equal(body.errors[0].line, 5)
  assert.equal(typeof body.errors[0].column, 'number')
  assert.match(body.errors[0].path, /tasks/)
  const empty = await postFlow(api, '')
  assert.equal(empty.status, 422)
  assert.equal((await empty.json()).errors[0].path, 'body')
})

test('PUT saves a revision; GET, revisions, search, tenant-less alias, DELETE', async () => {
  const changed = HELLO.replace('defaults: world', 'defaults: Verity')
  const put = await api.request('/api/v1/main/flows/company.team/hello', {
    method: 'PUT',
    headers: { 'Content-Type': 'application/x-yaml' },
    body: changed,
  })
  assert.equal(put.status, 200)
  assert.equal((await put.json()).revision, 2)
  const mismatch = await api.request('/api/v1/flows/company.team/hello', {
    method: 'PUT',
    body: changed.replace('id: hello', 'id: other'),
  })
  assert.equal(mismatch.status, 422)
  assert.equal((await mismatch.json()).errors[0].path, 'id')

  const got = await (await api.request('/api/v1/flows/company.team/hello?source=false')).json()
  assert.equal(got.revision, 2)
  assert.equal(got.source, undefined)
  const first = await (await api.request('/api/v1/main/flows/company.team/hello?revision=1')).json()
  assert.equal(first.source, HELLO)
  const revisions = await (await api.request('/api/v1/main/flows/company.team/hello/revisions')).json()
  assert.deepEqual(
    revisions.map((flow: { revision: number }) => flow.revision),
    [1, 2],
  )
  const search = await (await api.request('/api/v1/main/flows/search?namespace=company.team&q=hel')).json()
  assert.equal(search.total, 1)
  assert.equal(search.results[0].id, 'hello')
  const badPage = await api.request('/api/v1/main/flows/search?page=0')
  assert.equal(badPage.status, 422)
  assert.equal((await badPage.json()).errors[0].path, 'query.page')
  const byNamespace = await (await api.request('/api/v1/main/flows/company.team')).json()
  assert.equal(byNamespace.length, 1)

  assert.equal((await api.request('/api/v1/main/flows/company.team/hello', { method: 'DELETE' })).status, 204)
  assert.equal((await api.request('/api/v1/main/flows/company.team/hello')).status, 404)
  assert.equal((await api.request('/api/v1/main/flows/company.team/hello', { method: 'DELETE' })).status, 404)
})

test('POST /flows/validate returns one result per YAML document', async () => {
  const response = await api.request('/api/v1/main/flows/validate', {
    method: 'POST',
    body: `${HELLO}---\nid: broken\nnamespace: company.team\ntasks: 3\n`,
  })
  assert.equal(response.status, 200)
  const results = await response.json()
  assert.equal(results.length, 2)
  assert.equal(results[0].constraints, undefined)
  assert.equal(results[0].flow, 'hello')
  assert.match(results[1].constraints, /tasks/)
  assert.equal(results[1].errors[0].line, 4)
})

test('JSON Schema of the flow language and the plugins list', async () => {
  const schema = await (await api.request('/api/v1/main/plugins/schemas/flow')).json()
  assert.equal(typeof schema, 'object')
  assert.ok(JSON.stringify(schema).includes('io.kestra.plugin.core.log.Log'))
  assert.equal((await api.request('/api/v1/plugins/schemas/template')).status, 404)
  const plugins = await (await api.request('/api/v1/plugins')).json()
  const webhook = plugins.find(
    (plugin: { type: string }) => plugin.type === 'io.kestra.plugin.core.trigger.Webhook',
  )
  assert.equal(webhook.category, 'trigger')
  const log = await (await api.request('/api/v1/plugins/io.kestra.plugin.core.log.Log')).json()
  assert.ok(log.schema.properties.properties.message)
  assert.equal((await api.request('/api/v1/plugins/io.nope.Task')).status, 404)
})

test('health, version, me, OpenAPI document, unknown route', async () => {
  assert.equal((await (await api.request('/api/v1/health')).json()).status, 'ok')
  assert.equal((await (await api.request('/api/v1/version')).json()).version, '0.0.0-test')
  assert.deepEqual(await (await api.request('/api/v1/me')).json(), { username: null, authEnabled: false })
  const document = await (await api.request('/api/v1/openapi.json')).json()
  assert.equal(document.openapi, '3.1.0')
  assert.ok(document.paths['/api/v1/main/executions/{namespace}/{flowId}'].post)
  assert.ok(document.paths['/api/v1/main/namespaces/{namespace}/kv/{key}'].put)
})
