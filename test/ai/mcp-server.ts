import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import { z } from 'zod'

/**
 * A small MCP server for tests: `add` adds two numbers, `whoami` returns the GREETING environment variable (to check
 * `env` reaches a stdio server), `explode` answers an MCP tool error. Run as a script it serves on stdio.
 */
export function createTestMcpServer(): McpServer {
  const server = new McpServer({ name: 'verity-test-mcp', version: '1.0.0' })
  server.registerTool(
    'add',
    { description: 'Adds two numbers.', inputSchema: { a: z.number(), b: z.number() } },
    async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }),
  )
  server.registerTool('whoami', { description: 'Says who the server is.' }, async () => ({
    content: [{ type: 'text', text: `greeting=${process.env.GREETING ?? 'unset'}` }],
  }))
  server.registerTool('explode', { description: 'Always fails.' }, async () => ({
    content: [{ type: 'text', text: 'the detonator is wet' }],
    isError: true,
  }))
  return server
}

if (import.meta.main) {
  await createTestMcpServer().connect(new StdioServerTransport())
}
