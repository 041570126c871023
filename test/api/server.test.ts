import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { startServer } from '../../src/cli/commands/server.ts'
import { loadConfig } from '../../src/config/index.ts'
import { hashPassword } from '../../src/server/api/index.ts'
import type { Server } from '../../src/server/index.ts'
import { HELLO } from './harness.ts'

/** `verity server` as the CLI builds it (engine embedded, examples seeded, auth on), on a real port. */
let dir: string
let server: Server
let base: string
const TOKEN = 'ci-token-0123456789abcdef'
const basic = `Basic ${Buffer.from('ada:lovelace').toString('base64')}`

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'verity-api-server-'))
  await writeFile(
    join(dir, 'verity.yaml'),
    [
      'dataDir: data',
      'sandbox:',
      '  prestart: 0',
      'server:',
      '  auth:',
      '    users:',
      `      - username: ada`,
      `        password: "${hashPassword('lovelace')}"`,
      `    tokens: ["${TOKEN}"]`,
      '',
    ].join('\n'),
  )
  const started = await startServer(
    loadConfig({ path: join(dir, 'verity.yaml') }),
    { port: 0 },
    { languages: [] },
  )
  server = started.server
  base = started.url
})
after(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

test('auth: 401 with WWW-Authenticate; basic and bearer accepted; health and /me', async () => {
  const denied = await fetch(`${base}/api/v1/flows/search`)
  assert.equal(denied.status, 401)
  assert.equal(denied.headers.get('www-authenticate'), 'Basic realm="verity", Bearer realm="verity"')
  const fromUi = await fetch(`${base}/api/v1/me`, { headers: { 'X-Requested-With': 'XMLHttpRequest' } })
  assert.doesNotMatch(fromUi.headers.get('www-authenticate') ?? '', /^Basic/)
  const wrong = await fetch(`${base}/api/v1/me`, {
    headers: { Authorization: `Basic ${Buffer.from('ada:nope').toString('base64')}` },
  })
  assert.equal(wrong.status, 401)
  assert.equal((await fetch(`${base}/metrics`)).status, 401)
  assert.equal((await fetch(`${base}/api/v1/health`)).status, 200)
  assert.deepEqual(await (await fetch(`${base}/api/v1/me`, { headers: { Authorization: basic } })).json(), {
    username: 'ada',
    authEnabled: true,
  })
  const bearer = await fetch(`${base}/api/v1/me`, { headers: { Authorization: `Bearer ${TOKEN}` } })
  assert.equal(bearer.status, 200)
})

test('the examples are loaded into an empty store on first start', async () => {
  const search = (await (
    await fetch(`${base}/api/v1/main/flows/search?size=50`, { headers: { Authorization: basic } })
  ).json()) as { results: Array<{ id: string }> }
  const ids = search.results.map((flow: { id: string }) => flow.id).sort()
  assert.ok(ids.includes('hello'), JSON.stringify(ids))
  assert.ok(ids.length >= 2)
})

/** Reads an SSE response to its end: `[{ event, id, data }]`. */
async function readEvents(
  response: Response,
): Promise<Array<{ event: string; id: string; data: Record<string, unknown> }>> {
  const text = await response.text()
  return text
    .split('\n\n')
    .filter((block) => block.includes('data:'))
    .map((block) => {
      const field = (name: string) =>
        block
          .split('\n')
          .find((line) => line.startsWith(`${name}:`))
          ?.slice(name.length + 1)
          .trim() ?? ''
      return { event: field('event'), id: field('id'), data: JSON.parse(field('data')) }
    })
}

test('SSE: /executions/{id}/follow streams state, task runs and logs, then resumes from Last-Event-ID', async () => {
  const headers = { Authorization: basic }
  await fetch(`${base}/api/v1/main/flows`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/x-yaml' },
    body: HELLO.replace('namespace: company.team', 'namespace: sse.test'),
  })
  const execution = (await (
    await fetch(`${base}/api/v1/main/executions/sse.test/hello`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'stream' }),
    })
  ).json()) as { id: string }
  const response = await fetch(`${base}/api/v1/main/executions/${execution.id}/follow`, { headers })
  assert.equal(response.headers.get('content-type'), 'text/event-stream')
  const events = await readEvents(response)
  const kinds = new Set(events.map((event) => event.event))
  for (const kind of ['execution', 'taskRun', 'log', 'end']) assert.ok(kinds.has(kind), kind)
  assert.ok(events.some((event) => event.event === 'log' && event.data.message === 'Hello stream'))
  assert.equal(events.at(-1)?.data.state, 'SUCCESS')
  const lastLog = events.filter((event) => event.event === 'log').at(-1)
  assert.match(lastLog?.id ?? '', /^\d+-\d+$/)

  const resumed = await readEvents(
    await fetch(`${base}/api/v1/main/executions/${execution.id}/follow`, {
      headers: { ...headers, 'Last-Event-ID': lastLog?.id ?? '' },
    }),
  )
  assert.equal(resumed.filter((event) => event.event === 'log').length, 0)
  assert.equal(resumed.at(-1)?.event, 'end')

  const logs = await readEvents(await fetch(`${base}/api/v1/main/logs/${execution.id}/follow`, { headers }))
  // Kestra's logs stream: unnamed events (EventSource `onmessage`), then our `end`.
  assert.ok(logs.every((event) => event.event === '' || event.event === 'end'))
  assert.ok(logs.some((event) => event.data.message === 'Hello stream'))
  assert.equal((await fetch(`${base}/api/v1/main/logs/nope/follow`, { headers })).status, 404)
})

test('SSE is live: events arrive while the execution runs, and the stream ends when it is killed', async () => {
  const headers = { Authorization: `Bearer ${TOKEN}` }
  await fetch(`${base}/api/v1/flows`, {
    method: 'POST',
    headers,
    body: 'id: slow\nnamespace: sse.test\ntasks:\n  - id: hi\n    type: io.kestra.plugin.core.log.Log\n    message: started\n  - id: wait\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT60S\n',
  })
  const { id } = (await (
    await fetch(`${base}/api/v1/executions/sse.test/slow`, { method: 'POST', headers })
  ).json()) as { id: string }
  const response = await fetch(`${base}/api/v1/executions/${id}/follow`, { headers })
  const reader = (response.body as ReadableStream<Uint8Array>)
    .pipeThrough(new TextDecoderStream())
    .getReader()
  let text = ''
  // Read until the Sleep task is seen running: the execution cannot have ended by itself then.
  while (!/"taskId":"wait"[^\n]*"current":"RUNNING"/.test(text)) {
    const { value, done } = await reader.read()
    assert.equal(done, false, `stream ended early: ${text}`)
    text += value
  }
  assert.match(text, /"message":"started"/)
  assert.equal(
    (await fetch(`${base}/api/v1/executions/${id}/kill`, { method: 'DELETE', headers })).status,
    202,
  )
  for (;;) {
    const { value, done } = await reader.read()
    if (done) break
    text += value
  }
  assert.match(text, /event: end\ndata: \{"state":"KILLED"\}/)
})
