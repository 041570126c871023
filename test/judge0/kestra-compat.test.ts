import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import { type Harness, startHarness } from './harness.ts'

// Kestra's CodeExecution tool (langchain4j's Judge0 JavaScript tool) sends exactly this request to
// judge0-ce.p.rapidapi.com; pointed at Verity it must work unchanged, RapidAPI headers included.
let harness: Harness
before(async () => {
  harness = await startHarness({ languages: ['javascript'], judge0: { authn_token: 'rapid-key' } })
})
after(() => harness.close())

async function kestraRequest(code: string, key = 'rapid-key') {
  return fetch(`${harness.url}/judge0/submissions?base64_encoded=true&wait=true&fields=*`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-RapidAPI-Key': key,
      'X-RapidAPI-Host': 'judge0-ce.p.rapidapi.com',
    },
    body: JSON.stringify({ language_id: 102, source_code: Buffer.from(code).toString('base64') }),
  })
}

const decode = (value: unknown) =>
  typeof value === 'string' ? Buffer.from(value, 'base64').toString() : value

it('answers the request Kestra sends with the shape it reads', async () => {
  const response = await kestraRequest('console.log(6 * 7)')
  assert.equal(response.status, 201)
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/)
  const body = (await response.json()) as Record<string, unknown>
  assert.deepEqual(body.status, { id: 3, description: 'Accepted' })
  assert.equal(decode(body.stdout), '42\n')
  assert.equal(body.stderr, null)
  assert.equal(body.compile_output, null)
  assert.equal(body.message, null)
  assert.equal(body.exit_code, 0)
  assert.equal(body.language_id, 102)
  assert.equal(decode(body.source_code), 'console.log(6 * 7)')
  assert.equal(typeof body.token, 'string')
  assert.equal(typeof body.time, 'string')
  assert.equal(typeof body.memory, 'number')
})

it('reports a thrown error as Judge0 does: NZEC with base64 stderr', async () => {
  const body = (await (await kestraRequest('throw new Error("boom")')).json()) as Record<string, unknown>
  assert.deepEqual(body.status, { id: 11, description: 'Runtime Error (NZEC)' })
  assert.match(String(decode(body.stderr)), /Error: boom/)
  assert.equal(decode(body.message), 'Exited with error status 1')
})

it('refuses a wrong RapidAPI key with 401', async () => {
  const response = await kestraRequest('console.log(1)', 'wrong')
  assert.equal(response.status, 401)
})
