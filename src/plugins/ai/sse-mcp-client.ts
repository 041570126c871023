import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js'
import { z } from 'zod'
import { defineComponent } from '../define.ts'
import { maskHeaders, mcpToolBundle, remoteMcpProps } from './mcp-client.ts'
import type { ToolImplementation } from './types.ts'

const props = z.object({
  sseUrl: z.url().describe('The MCP server’s SSE endpoint, e.g. `http://localhost:3001/sse`.'),
  ...remoteMcpProps,
})

type Props = z.output<typeof props>

const implementation: ToolImplementation<Props> = {
  createTools(services, options) {
    maskHeaders(services, options.headers)
    const transport = new SSEClientTransport(new URL(options.sseUrl), {
      requestInit: { headers: options.headers },
      eventSourceInit: {
        fetch: (url, init) => fetch(url, { ...init, headers: { ...init?.headers, ...options.headers } }),
      },
    })
    return mcpToolBundle(services, transport, options.sseUrl, options.timeout)
  },
}

/** `io.kestra.plugin.ai.tool.SseMcpClient`: the tools of a remote MCP server on the older HTTP+SSE transport. */
export const sseMcpClient = defineComponent({
  type: 'io.kestra.plugin.ai.tool.SseMcpClient',
  title: 'Offer the tools of a remote MCP server (HTTP+SSE transport).',
  category: 'tool',
  props,
  implementation,
})
