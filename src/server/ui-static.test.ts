import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { gunzipSync } from 'node:zlib'
import { Hono } from 'hono'
import { uiStatic } from './ui-static.ts'

describe('uiStatic', () => {
  const dist = mkdtempSync(join(tmpdir(), 'verity-ui-'))
  mkdirSync(join(dist, 'assets'))
  writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>')
  const script = `console.log(${JSON.stringify('x'.repeat(5000))})`
  writeFileSync(join(dist, 'assets', 'index-abc.js'), script)
  writeFileSync(join(dist, 'secret.txt'), 'not outside')
  const app = new Hono()
  app.get('/api/v1/health', (context) => context.json({ status: 'ok' }))
  app.route('/', uiStatic(dist))
  app.notFound((context) => context.json({ error: 'no route' }, 404))
  after(() => rmSync(dist, { recursive: true, force: true }))

  it('serves index.html at / and for UI routes (SPA fallback), not cached', async () => {
    for (const path of ['/', '/flows/company.team/hello', '/executions/abc?tab=logs']) {
      const response = await app.request(path)
      assert.equal(response.status, 200, path)
      assert.match(response.headers.get('content-type') ?? '', /text\/html/)
      assert.equal(response.headers.get('cache-control'), 'no-cache')
      assert.match(await response.text(), /id="root"/)
    }
  })

  it('serves hashed assets immutable, gzipped when accepted', async () => {
    const plain = await app.request('/assets/index-abc.js')
    assert.equal(await plain.text(), script)
    assert.match(plain.headers.get('cache-control') ?? '', /immutable/)
    const zipped = await app.request('/assets/index-abc.js', { headers: { 'Accept-Encoding': 'gzip, br' } })
    assert.equal(zipped.headers.get('content-encoding'), 'gzip')
    assert.equal(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString(), script)
  })

  it('leaves API paths to the API (a missing one is the JSON 404) and never leaves dist', async () => {
    assert.equal((await app.request('/api/v1/health')).status, 200)
    const missing = await app.request('/api/v1/nope')
    assert.equal(missing.status, 404)
    assert.deepEqual(await missing.json(), { error: 'no route' })
    assert.equal((await app.request('/metrics')).status, 404)
    const outside = await app.request('/..%2f..%2fetc%2fpasswd')
    assert.match(await outside.text(), /id="root"/)
  })

  it('answers 503 with how to build when there is no build', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'verity-ui-empty-'))
    try {
      const response = await new Hono().route('/', uiStatic(empty)).request('/flows')
      assert.equal(response.status, 503)
      assert.match(await response.text(), /vite build ui/)
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })
})
