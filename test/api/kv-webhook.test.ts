import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { type ApiHarness, openApi, postFlow } from './harness.ts'

let api: ApiHarness
const HOOK = `id: hook
namespace: company.team
tasks:
  - id: out
    type: io.kestra.plugin.core.output.OutputValues
    values:
      who: "{{ trigger.body.name }}"
      agent: "{{ trigger.headers['x-agent'][0] }}"
      page: "{{ trigger.parameters.page[0] }}"
outputs:
  - id: who
    type: STRING
    value: "{{ outputs.out.values.who }}"
triggers:
  - id: webhook
    type: io.kestra.plugin.core.trigger.Webhook
    key: s3cr3t-key
    wait: true
`

before(async () => {
  api = await openApi()
})
after(() => api.close())

test('KV: set JSON and text values, list without values, secrets masked, ttl, delete', async () => {
  const base = '/api/v1/main/namespaces/company.team/kv'
  const put = await api.request(`${base}/limits`, { method: 'PUT', body: '{"max": 10}' })
  assert.equal(put.status, 200)
  assert.equal((await put.json()).key, 'limits')
  await api.request(`${base}/greeting`, { method: 'PUT', body: 'hello there', headers: { ttl: 'PT1H' } })
  await api.request(`${base}/token`, { method: 'PUT', body: '"sk-123"', headers: { secret: 'true' } })

  assert.deepEqual(await (await api.request(`${base}/limits`)).json(), {
    key: 'limits',
    secret: false,
    type: 'JSON',
    value: { max: 10 },
    updateDate: (await api.store.kv.get('company.team', 'limits'))?.updated,
  })
  const greeting = await (await api.request(`/api/v1/namespaces/company.team/kv/greeting`)).json()
  assert.equal(greeting.value, 'hello there')
  assert.equal(greeting.type, 'STRING')
  assert.ok(Date.parse(greeting.expirationDate) > Date.now())
  const secret = await (await api.request(`${base}/token`)).json()
  assert.equal(secret.value, '******')
  assert.equal(secret.type, 'SECRET')

  const list = await (await api.request(base)).json()
  assert.deepEqual(
    list.map((entry: { key: string }) => entry.key),
    ['greeting', 'limits', 'token'],
  )
  assert.ok(list.every((entry: Record<string, unknown>) => !('value' in entry)))
  assert.ok(!JSON.stringify(list).includes('sk-123'))

  const badTtl = await api.request(`${base}/x`, { method: 'PUT', body: '1', headers: { ttl: 'soon' } })
  assert.equal(badTtl.status, 422)
  assert.equal((await badTtl.json()).errors[0].path, 'headers.ttl')
  assert.equal((await api.request(`${base}/limits`, { method: 'DELETE' })).status, 204)
  assert.equal((await api.request(`${base}/limits`)).status, 404)
  assert.equal((await api.request(`${base}/limits`, { method: 'DELETE' })).status, 404)
})

test('webhook: body, headers and parameters reach the flow; wrong key is 404', async () => {
  assert.equal((await postFlow(api, HOOK)).status, 200)
  const url = '/api/v1/main/executions/webhook/company.team/hook/s3cr3t-key?page=7'
  const response = await api.request(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Agent': 'curl' },
    body: JSON.stringify({ name: 'Ada' }),
  })
  assert.equal(response.status, 200)
  const execution = await response.json()
  assert.equal(execution.state.current, 'SUCCESS')
  assert.equal(execution.trigger.type, 'io.kestra.plugin.core.trigger.Webhook')
  const out = execution.taskRunList.find((run: { taskId: string }) => run.taskId === 'out')
  assert.deepEqual(out.outputs.values, { who: 'Ada', agent: 'curl', page: '7' })
  assert.deepEqual(execution.outputs, { who: 'Ada' })

  const get = await api.request('/api/v1/executions/webhook/company.team/hook/s3cr3t-key?page=1', {
    headers: { 'X-Agent': 'x' },
  })
  assert.equal(get.status, 200)
  const wrong = await api.request('/api/v1/main/executions/webhook/company.team/hook/guess', {
    method: 'POST',
  })
  assert.equal(wrong.status, 404)
  assert.doesNotMatch(JSON.stringify(await wrong.json()), /s3cr3t/)
  const invalidKey = await postFlow(
    api,
    HOOK.replace('id: hook', 'id: hook2').replace('s3cr3t-key', 'no spaces allowed'),
  )
  assert.equal(invalidKey.status, 422)
  assert.match((await invalidKey.json()).errors[0].path, /triggers/)
})

test('metrics: executions by state, task-run durations', async () => {
  const text = await (await api.request('/metrics')).text()
  assert.match(text, /verity_executions\{state="SUCCESS"\} [1-9]/)
  assert.match(text, /verity_taskrun_duration_seconds_count\{state="SUCCESS"\} [1-9]/)
  assert.match(text, /verity_llm_tokens_total\{direction="input"\} 0/)
})
