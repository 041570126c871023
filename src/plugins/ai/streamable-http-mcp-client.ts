import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { z } from 'zod'
import { defineComponent } from '../define.ts'
import { maskHeaders, mcpToolBundle, remoteMcpProps } from './mcp-client.ts'
import type { ToolImplementation } from './types.ts'

const props = z.object({
  url: z.url().describe('The MCP endpoint, e.g. `https://mcp.example.com/mcp`.'),
  ...remoteMcpProps,
})

type Props = z.output<typeof props>

const implementation: ToolImplementation<Props> = {
  createTools(services, options) {
    maskHeaders(services, options.headers)
    const transport = new StreamableHTTPClientTransport(new URL(options.url), {
      requestInit: { headers: options.headers },
    })
    return mcpToolBundle(services, transport, options.url, options.timeout)
  },
}

/** `io.kestra.plugin.ai.tool.StreamableHttpMcpClient`: the tools of a remote MCP server (streamable HTTP). */
export const streamableHttpMcpClient = defineComponent({
  type: 'io.kestra.plugin.ai.tool.StreamableHttpMcpClient',
  title: 'Offer the tools of a remote MCP server (streamable HTTP transport).',
  category: 'tool',
  props,
  implementation,
})
