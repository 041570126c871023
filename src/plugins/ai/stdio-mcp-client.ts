import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { z } from 'zod'
import { defineComponent } from '../define.ts'
import { mcpTimeoutSchema, mcpToolBundle } from './mcp-client.ts'
import type { ToolImplementation } from './types.ts'

const props = z.object({
  command: z
    .array(z.string().min(1))
    .min(1)
    .describe(
      'The MCP server command and its arguments, e.g. `["npx", "-y", "@modelcontextprotocol/server-time"]`.',
    ),
  env: z
    .record(z.string(), z.string())
    .default({})
    .describe('Environment variables for the server (added to a minimal PATH/HOME environment).'),
  timeout: mcpTimeoutSchema,
})

type Props = z.output<typeof props>

const implementation: ToolImplementation<Props> = {
  createTools(services, options) {
    const [command, ...args] = options.command as [string, ...string[]]
    for (const value of Object.values(options.env)) services.ctx.maskSecret(value)
    const transport = new StdioClientTransport({ command, args, env: options.env, stderr: 'pipe' })
    return mcpToolBundle(services, transport, `"${options.command.join(' ')}"`, options.timeout)
  },
}

/** `io.kestra.plugin.ai.tool.StdioMcpClient`: the tools of an MCP server started as a child process (stdio). */
export const stdioMcpClient = defineComponent({
  type: 'io.kestra.plugin.ai.tool.StdioMcpClient',
  title: 'Offer the tools of an MCP server run as a local process (stdio transport).',
  category: 'tool',
  props,
  implementation,
})
