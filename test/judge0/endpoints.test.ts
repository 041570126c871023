import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { zipSync } from 'fflate'
import { base64, finished, type Harness, startHarness } from './harness.ts'

let harness: Harness
before(async () => {
  harness = await startHarness({
    judge0: { authn_token: 'secret-authn', authz_token: 'secret-authz', enable_submission_delete: true },
  })
})
after(() => harness.close())

const authn = { 'X-Auth-Token': 'secret-authn' }
const admin = { ...authn, 'X-Auth-User': 'secret-authz' }
const get = async (path: string, headers: Record<string, string> = authn) => {
  const response = await harness.request(path, { headers })
  return {
    status: response.status,
    body: response.headers.get('content-type')?.includes('json')
      ? await response.json()
      : await response.text(),
  }
}

describe('authentication and authorization', () => {
  it('401 without the token or with a wrong one; X-RapidAPI-Key is accepted as the token', async () => {
    assert.equal((await get('/languages', {})).status, 401)
    assert.equal((await get('/languages', { 'X-Auth-Token': 'wrong' })).status, 401)
    assert.equal((await get('/languages')).status, 200)
    const rapid = await get('/languages', {
      'X-RapidAPI-Key': 'secret-authn',
      'X-RapidAPI-Host': 'judge0-ce.p.rapidapi.com',
    })
    assert.equal(rapid.status, 200)
  })

  it('403 for listing and deleting without the authorization token', async () => {
    assert.equal((await get('/submissions')).status, 403)
    assert.equal((await get('/submissions', { ...authn, 'X-Auth-User': 'nope' })).status, 403)
    assert.equal((await get('/submissions', admin)).status, 200)
  })
})

describe('batch, list and delete', () => {
  it('creates a batch with per-item tokens or errors, and reads it back by tokens', async () => {
    const response = await harness.request('/submissions/batch', {
      headers: authn,
      body: {
        submissions: [
          { language_id: 71, source_code: 'print(1)' },
          { language_id: 71 },
          { language_id: 102, source_code: 'console.log(2)' },
        ],
      },
    })
    assert.equal(response.status, 201)
    const items = (await response.json()) as Array<Record<string, unknown>>
    assert.deepEqual(items[1], { source_code: ["can't be blank"] })
    const tokens = [items[0]?.token, items[2]?.token] as string[]
    for (const token of tokens) await finished(harness, token, authn)
    const read = await get(
      `/submissions/batch?tokens=${tokens.join(',')},unknown-token&fields=stdout,status_id`,
    )
    assert.deepEqual(read.body, {
      submissions: [{ stdout: '1\n', status_id: 3 }, { stdout: '2\n', status_id: 3 }, null],
    })
  })

  it('refuses empty, oversized and all-invalid batches', async () => {
    const post = async (submissions: unknown[]) => {
      const response = await harness.request('/submissions/batch', { headers: authn, body: { submissions } })
      return { status: response.status, body: await response.json() }
    }
    assert.deepEqual(await post([]), {
      status: 400,
      body: { error: 'there should be at least one submission in a batch' },
    })
    assert.deepEqual(await post(Array.from({ length: 21 }, () => ({}))), {
      status: 400,
      body: { error: 'number of submissions in a batch should be less than or equal to 20' },
    })
    assert.equal((await post([{ language_id: 71 }])).status, 422)
    assert.equal((await get('/submissions/batch?tokens=')).status, 400)
  })

  it('lists submissions newest first with Judge0 paging, and deletes finished ones (base64 answer)', async () => {
    const created = await harness.request('/submissions?wait=true', {
      headers: authn,
      body: { language_id: 71, source_code: 'print("bye")' },
    })
    assert.equal(created.status, 201)
    const list = (await get('/submissions?per_page=2&fields=token,stdout', admin)).body as {
      submissions: Array<{ token: string; stdout: string }>
      meta: Record<string, number | null>
    }
    assert.equal(list.submissions.length, 2)
    assert.equal(list.submissions[0]?.stdout, 'bye\n')
    assert.equal(list.meta.current_page, 1)
    assert.equal(list.meta.next_page, 2)
    assert.equal(list.meta.prev_page, null)
    assert.ok((list.meta.total_count ?? 0) >= 3)
    assert.deepEqual((await get('/submissions?page=0', admin)).body, { error: 'invalid page: 0' })
    const newest = list.submissions[0]?.token as string
    const deleted = await harness.request(`/submissions/${newest}?fields=stdout`, {
      method: 'DELETE',
      headers: admin,
    })
    assert.deepEqual(await deleted.json(), { stdout: base64('bye\n') })
    assert.equal((await get(`/submissions/${newest}`)).status, 404)
  })

  it('extracts additional_files next to the source', async () => {
    const archive = zipSync({ 'data.txt': new TextEncoder().encode('from the zip') })
    const response = await harness.request('/submissions?wait=true&fields=stdout,status', {
      headers: authn,
      body: {
        language_id: 71,
        source_code: 'print(open("data.txt").read())',
        additional_files: base64(archive),
      },
    })
    assert.deepEqual(await response.json(), {
      stdout: 'from the zip\n',
      status: { id: 3, description: 'Accepted' },
    })
    const broken = await harness.request('/submissions', {
      headers: authn,
      body: {
        language_id: 71,
        source_code: 'print(1)',
        additional_files: base64('not a zip, just some text here'),
      },
    })
    assert.equal(broken.status, 422)
  })
})

describe('information endpoints', () => {
  it('lists languages with CE and hosted ids and shows one with its commands', async () => {
    const languages = (await get('/languages')).body as Array<{ id: number; name: string }>
    const ids = languages.map((language) => language.id)
    for (const id of [63, 71, 92, 100, 102, 109]) assert.ok(ids.includes(id), `language ${id} listed`)
    assert.deepEqual(Object.keys(languages[0] ?? {}), ['id', 'name'])
    const all = (await get('/languages/all')).body as Array<{ is_archived: boolean }>
    assert.equal(all[0]?.is_archived, false)
    const python = (await get('/languages/71')).body as Record<string, unknown>
    assert.deepEqual(Object.keys(python), [
      'id',
      'name',
      'is_archived',
      'source_file',
      'compile_cmd',
      'run_cmd',
    ])
    assert.equal(python.compile_cmd, null)
    assert.match(String(python.run_cmd), /python3/)
    assert.equal((await get('/languages/4242')).status, 404)
  })

  it('serves statuses, config_info, system_info, about, version, isolate, license, statistics and workers', async () => {
    const statuses = (await get('/statuses')).body as Array<{ id: number; description: string }>
    assert.equal(statuses.length, 14)
    assert.deepEqual(statuses[13], { id: 14, description: 'Exec Format Error' })
    const config = (await get('/config_info')).body as Record<string, unknown>
    assert.equal(config.cpu_time_limit, 5)
    assert.equal(config.max_queue_size, 100)
    assert.equal(config.enable_submission_delete, true)
    assert.equal(config.authn_token, undefined, 'secrets stay hidden')
    const system = (await get('/system_info')).body as Record<string, unknown>
    assert.ok(Number(system['CPU(s)']) >= 1)
    assert.equal(((await get('/about')).body as { version: string }).version, '0.0.0-test')
    assert.equal((await get('/version')).body, '1.13.1')
    assert.match(String((await get('/isolate')).body), /bubblewrap/)
    assert.match(String((await get('/license')).body), /Apache/)
    const statistics = (await get('/statistics')).body as {
      submissions: { all_time: number }
      statuses: unknown[]
    }
    assert.ok(statistics.submissions.all_time >= 1)
    const workers = (await get('/workers')).body as Array<Record<string, unknown>>
    assert.deepEqual(Object.keys(workers[0] ?? {}), [
      'queue',
      'size',
      'available',
      'idle',
      'working',
      'paused',
      'failed',
    ])
    assert.equal(workers[0]?.available, 2)
  })

  it('has a health endpoint outside /judge0 and JSON 404s', async () => {
    const health = await harness.server.app.request('/health')
    assert.equal(health.status, 200)
    assert.equal(((await health.json()) as { status: string }).status, 'ok')
    const missing = await harness.server.app.request('/nowhere')
    assert.equal(missing.status, 404)
    assert.deepEqual(await missing.json(), { error: 'no route for GET /nowhere' })
  })
})
