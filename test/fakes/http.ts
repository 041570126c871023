import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach } from 'node:test'

/** A request as a fake server received it, for tests to assert on what a client really sent. */
export interface RecordedRequest {
  method: string
  /** Path and query, e.g. `/v1beta/models/gemini-2.5-flash:generateContent`. */
  path: string
  headers: Record<string, string | string[] | undefined>
  /** Parsed JSON body, or the raw text when it is not JSON. */
  body: unknown
}

/** A local HTTP server on 127.0.0.1 and a free port, recording every request. */
export interface FakeServer {
  url: string
  requests: RecordedRequest[]
  close(): Promise<void>
}

/** A list the test file pushes its fake servers to; they are all closed after each test. */
export function closedAfterEach<T extends { close(): Promise<void> }>(): T[] {
  const servers: T[] = []
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()))
  })
  return servers
}

/** Starts a fake server; `handle` answers each recorded request. Listens on port 0 so tests never clash. */
export async function startFakeServer(
  handle: (request: RecordedRequest, response: ServerResponse) => void | Promise<void>,
): Promise<FakeServer> {
  const requests: RecordedRequest[] = []
  const server = createServer(async (incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of incoming) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    let body: unknown = text
    try {
      body = text ? JSON.parse(text) : undefined
    } catch {}
    const request = {
      method: incoming.method ?? 'GET',
      path: incoming.url ?? '/',
      headers: incoming.headers,
      body,
    }
    requests.push(request)
    try {
      await handle(request, response)
    } catch (error) {
      response.writeHead(500, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ error: { message: `fake server failed: ${error}` } }))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Sends a JSON response. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers })
  response.end(JSON.stringify(body))
}

/** The body of a request a test expects to exist (fails the test clearly when the request never came). */
export function requestBody(request: RecordedRequest | undefined): unknown {
  if (request === undefined) throw new Error('the fake server never received that request')
  return request.body
}
