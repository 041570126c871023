/** Hostile code against the network: with the network off no socket reaches loopback or the outside. */
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { nextRunIsNormal, run, testSandbox } from '../helpers.ts'

const sandbox = testSandbox()
let server: Server
let port = 0
let connections = 0
before(async () => {
  server = createServer((socket) => {
    connections++
    socket.end('hello from the host\n')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as { port: number }).port
})
after(async () => {
  await sandbox.close()
  await new Promise((resolve) => server.close(resolve))
})

const CONNECT = `
import socket, sys
for host, port in ((sys.argv[1], int(sys.argv[2])), ("1.1.1.1", 53), ("registry.npmjs.org", 443)):
    try:
        s = socket.create_connection((host, port), timeout=3); print(host, "CONNECTED", s.recv(100))
    except OSError as e: print(host, "refused", e.errno)
`

describe('hostile: network', () => {
  it('cannot open sockets to the host loopback or the outside when the network is off', async () => {
    const result = await run(sandbox, {
      language: 'python',
      source: CONNECT,
      args: ['127.0.0.1', String(port)],
    })
    assert.ok(!result.out.includes('CONNECTED'), result.out)
    assert.equal(result.out.trim().split('\n').length, 3, result.err)
    assert.equal(connections, 0)
    const next = await nextRunIsNormal(sandbox)
    assert.deepEqual([next.status.id, next.out], [3, 'ok 0 1\n'], next.err)
  })

  it('reaches the host only when the request turns the network on (the test can tell)', async () => {
    const result = await run(sandbox, {
      language: 'python',
      source:
        'import socket, sys\nprint(socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=3).recv(100).decode(), end="")',
      args: [String(port)],
      network: true,
    })
    assert.equal(result.out, 'hello from the host\n', result.err)
    assert.equal(connections, 1)
  })
})
