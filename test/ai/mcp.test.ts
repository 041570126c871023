import assert from 'node:assert/strict'
import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import { aiAgent } from '../../src/plugins/ai/agent.ts'
import { closedAfterEach, requestBody } from '../fakes/http.ts'
import type { FakeLlm } from '../fakes/llm-script.ts'
import { startFakeOpenAI } from '../fakes/openai.ts'
import { createTestMcpServer } from './mcp-server.ts'
import { openAIProvider } from './providers.ts'
import { testRunContext } from './run-context.ts'

const servers = closedAfterEach<FakeLlm>()

/** Serves `handler` on a free local port for the enclosing suite; returns a getter of its origin. */
function serveDuringSuite(handler: RequestListener): () => string {
  const http = createServer(handler)
  before(() => new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve)))
  after(
    () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections()
        http.close(() => resolve())
      }),
  )
  return () => `http://127.0.0.1:${(http.address() as AddressInfo).port}`
}

interface ChatBody {
  tools?: { function: { name: string; parameters: unknown } }[]
  messages: { role: string; content: string }[]
}

const script = [
  { toolCalls: [{ name: 'add', args: { a: 40, b: 2 } }] },
  { toolCalls: [{ name: 'explode', args: {} }] },
  { toolCalls: [{ name: 'whoami', args: {} }] },
  { text: 'done' },
]

async function runWithMcp(tool: Record<string, unknown>) {
  const llm = await startFakeOpenAI(script)
  servers.push(llm)
  const ctx = testRunContext()
  const outputs = await aiAgent.run(
    ctx,
    aiAgent.props.parse({
      provider: openAIProvider(llm.url),
      prompt: 'use the tools',
      tools: [tool],
    }),
  )
  return { outputs, llm, ctx }
}

function assertMcpConversation(outputs: Awaited<ReturnType<typeof runWithMcp>>['outputs'], llm: FakeLlm) {
  const tools = (requestBody(llm.modelRequests()[0]) as ChatBody).tools ?? []
  assert.deepEqual(tools.map((tool) => tool.function.name).sort(), ['add', 'explode', 'whoami'])
  const add = tools.find((tool) => tool.function.name === 'add')?.function.parameters as {
    properties: object
  }
  assert.deepEqual(Object.keys(add.properties), ['a', 'b'])
  assert.equal(outputs.textOutput, 'done')
  assert.equal(outputs.toolExecutions[0]?.result, '42')
  assert.equal(outputs.toolExecutions[1]?.result, 'Error: the detonator is wet')
  const toolMessages = (requestBody(llm.modelRequests()[3]) as ChatBody).messages.filter(
    (message) => message.role === 'tool',
  )
  assert.match(toolMessages[1]?.content ?? '', /the detonator is wet/)
}

describe('MCP clients', () => {
  it('StdioMcpClient: starts the server with its env, offers its tools, feeds tool errors back', async () => {
    const serverScript = fileURLToPath(new URL('./mcp-server.ts', import.meta.url))
    const { outputs, llm } = await runWithMcp({
      type: 'io.kestra.plugin.ai.tool.StdioMcpClient',
      command: [process.execPath, serverScript],
      env: { GREETING: 'hello-from-env' },
    })
    assertMcpConversation(outputs, llm)
    assert.equal(outputs.toolExecutions[2]?.result, 'greeting=hello-from-env')
  })

  describe('StreamableHttpMcpClient', () => {
    const seenHeaders: (string | undefined)[] = []
    const origin = serveDuringSuite(async (request, response) => {
      seenHeaders.push(request.headers.authorization)
      // Stateless mode: one MCP server and transport per request.
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined })
      const server = createTestMcpServer()
      response.on('close', () => {
        void transport.close()
        void server.close()
      })
      await server.connect(transport)
      const chunks: Buffer[] = []
      for await (const chunk of request) chunks.push(chunk as Buffer)
      const text = Buffer.concat(chunks).toString('utf8')
      await transport.handleRequest(request, response, text ? JSON.parse(text) : undefined)
    })

    it('sends the headers, offers the tools, masks the header values in traces', async () => {
      const { outputs, llm, ctx } = await runWithMcp({
        type: 'io.kestra.plugin.ai.tool.StreamableHttpMcpClient',
        url: `${origin()}/mcp`,
        headers: { Authorization: 'Bearer mcp-token-123' },
        timeout: 'PT10S',
      })
      assertMcpConversation(outputs, llm)
      assert.ok(seenHeaders.length > 0 && seenHeaders.every((header) => header === 'Bearer mcp-token-123'))
      assert.equal(JSON.stringify(ctx.traces).includes('mcp-token-123'), false)
    })
  })

  describe('SseMcpClient', () => {
    const sessions = new Map<string, SSEServerTransport>()
    const seenHeaders: (string | undefined)[] = []
    const origin = serveDuringSuite(async (request, response) => {
      seenHeaders.push(request.headers['x-api-key'] as string | undefined)
      if (request.method === 'GET' && request.url === '/sse') {
        const transport = new SSEServerTransport('/messages', response)
        sessions.set(transport.sessionId, transport)
        response.on('close', () => sessions.delete(transport.sessionId))
        await createTestMcpServer().connect(transport)
        return
      }
      const sessionId = new URL(request.url ?? '/', 'http://localhost').searchParams.get('sessionId') ?? ''
      const transport = sessions.get(sessionId)
      if (!transport) {
        response.writeHead(404).end()
        return
      }
      await transport.handlePostMessage(request, response)
    })

    it('connects over HTTP+SSE with the headers and offers the tools', async () => {
      const { outputs, llm } = await runWithMcp({
        type: 'io.kestra.plugin.ai.tool.SseMcpClient',
        sseUrl: `${origin()}/sse`,
        headers: { 'X-Api-Key': 'sse-key' },
      })
      assertMcpConversation(outputs, llm)
      assert.ok(seenHeaders.length >= 2 && seenHeaders.every((header) => header === 'sse-key'))
      // The server sees the client's disconnect a moment later.
      for (let waited = 0; sessions.size > 0 && waited < 2000; waited += 10)
        await new Promise((r) => setTimeout(r, 10))
      assert.equal(sessions.size, 0, 'the SSE connection is closed after the run')
    })
  })

  it('a server that cannot start is a clear task error naming the tool', async () => {
    const llm = await startFakeOpenAI([{ text: 'unused' }])
    servers.push(llm)
    await assert.rejects(
      aiAgent.run(
        testRunContext(),
        aiAgent.props.parse({
          provider: openAIProvider(llm.url),
          prompt: 'x',
          tools: [{ type: 'io.kestra.plugin.ai.tool.StdioMcpClient', command: ['/nonexistent/mcp-server'] }],
        }),
      ),
      /agent\.tools\[0\]: MCP server "\/nonexistent\/mcp-server" failed/,
    )
    assert.equal(llm.modelRequests().length, 0)
  })
})
