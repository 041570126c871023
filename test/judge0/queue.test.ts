import assert from 'node:assert/strict'
import { createServer as createHttpServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { finished, type Harness, startHarness } from './harness.ts'

const status = async (harness: Harness, token: string) =>
  (
    (await (await harness.request(`/submissions/${token}?fields=status`)).json()) as {
      status: { id: number }
    }
  ).status.id

describe('queue, back-pressure and wait bound', () => {
  let harness: Harness
  before(async () => {
    harness = await startHarness({ concurrency: 1, judge0: { max_queue_size: 2, wait_timeout: 0.3 } })
  })
  after(() => harness.close())

  it('shows status 2 while running and 1 while queued, then 503 when the queue is full', async () => {
    const submit = async (source: string) => {
      const response = await harness.request('/submissions', {
        body: { language_id: 71, source_code: source },
      })
      return { status: response.status, body: (await response.json()) as { token?: string; error?: string } }
    }
    const running = await submit('import time; time.sleep(1.2)')
    while ((await status(harness, running.body.token as string)) !== 2)
      await new Promise((r) => setTimeout(r, 10))
    const queued = [await submit('print(1)'), await submit('print(2)')]
    assert.deepEqual(
      queued.map((item) => item.status),
      [201, 201],
    )
    assert.equal(await status(harness, queued[0]?.body.token as string), 1)
    assert.deepEqual(await submit('print(3)'), { status: 503, body: { error: 'queue is full' } })
    const batch = await harness.request('/submissions/batch', {
      body: { submissions: [{ language_id: 71, source_code: 'print(4)' }] },
    })
    assert.equal(batch.status, 503)
    // wait=true is bounded by wait_timeout: the answer is the submission as it stands (still queued).
    const waited = await harness.request('/submissions?wait=true&fields=token,status', {
      body: { language_id: 71, source_code: 'print(5)' },
    })
    assert.equal(waited.status, 503, 'still full: wait does not bypass back-pressure')
    for (const item of [running, ...queued]) await finished(harness, item.body.token as string)
    const bounded = await harness.request('/submissions?wait=true&fields=status', {
      body: { language_id: 71, source_code: 'import time; time.sleep(1)' },
    })
    assert.equal(bounded.status, 201)
    assert.ok([1, 2].includes(((await bounded.json()) as { status: { id: number } }).status.id))
  })
})

describe('callbacks and disabled features', () => {
  let harness: Harness
  const received: Array<{ method: string; body: Record<string, unknown> }> = []
  const receiver = createHttpServer((request: IncomingMessage, response) => {
    let text = ''
    request.on('data', (chunk) => {
      text += chunk
    })
    request.on('end', () => {
      received.push({ method: request.method ?? '', body: JSON.parse(text) })
      // The first delivery fails: Judge0 retries.
      response.statusCode = received.length === 1 ? 500 : 200
      response.end()
    })
  })
  let callbackUrl = ''
  before(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/done`
    harness = await startHarness({ judge0: { enable_wait_result: false, enable_compiler_options: false } })
  })
  after(async () => {
    await harness.close()
    receiver.close()
  })

  it('PUTs the finished submission to callback_url, base64-encoded, retrying a failed delivery', async () => {
    const response = await harness.request('/submissions', {
      body: { language_id: 71, source_code: 'print("called back")', callback_url: callbackUrl },
    })
    const { token } = (await response.json()) as { token: string }
    while (received.length < 2) await new Promise((resolve) => setTimeout(resolve, 20))
    assert.equal(received.length, 2)
    assert.deepEqual(received[0], received[1])
    assert.equal(received[1]?.method, 'PUT')
    const body = received[1]?.body as Record<string, unknown>
    assert.equal(body.token, token)
    assert.equal(body.stdout, Buffer.from('called back\n').toString('base64'))
    assert.deepEqual(body.status, { id: 3, description: 'Accepted' })
  })

  it('refuses wait=true, compiler options and bad callback URLs when so configured', async () => {
    const wait = await harness.request('/submissions?wait=true', {
      body: { language_id: 71, source_code: 'print(1)' },
    })
    assert.equal(wait.status, 400)
    assert.deepEqual(await wait.json(), { error: 'wait not allowed' })
    const invalid = await harness.request('/submissions', {
      body: { language_id: 71, source_code: 'print(1)', compiler_options: '-O2', callback_url: 'ftp://x' },
    })
    assert.deepEqual(await invalid.json(), {
      compiler_options: ['setting compiler options is not allowed'],
      callback_url: ['must be an http or https URL'],
    })
  })
})
