import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js'
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js'
import { dynamicTool, jsonSchema, type ToolSet } from 'ai'
import { z } from 'zod'
import { isDuration, parseDuration } from '../../flow/index.ts'
import { VERITY_VERSION } from '../../version.ts'
import { AiConfigurationError } from './errors.ts'
import type { ToolBundle, ToolServices } from './types.ts'

/** `timeout` of the MCP clients: an ISO-8601 duration per MCP request. */
export const mcpTimeoutSchema = z
  .string()
  .refine(isDuration, 'an ISO-8601 duration such as PT30S')
  .optional()
  .describe('Timeout of each MCP request (ISO-8601 duration, e.g. `PT30S`). Default: 60 seconds.')

/** Props of the remote (HTTP) MCP clients beside their URL. */
export const remoteMcpProps = {
  headers: z
    .record(z.string(), z.string())
    .default({})
    .describe('HTTP headers, e.g. `Authorization`. Masked.'),
  timeout: mcpTimeoutSchema,
}

/** Header values usually carry tokens: they are masked before anything can log or trace them. */
export function maskHeaders(services: ToolServices, headers: Record<string, string>): void {
  for (const value of Object.values(headers)) services.ctx.maskSecret(value)
}

const DEFAULT_TIMEOUT_MS = 60_000

/**
 * Connects to an MCP server over `transport`, lists its tools and offers each to the model under its MCP name.
 * A tool answering `isError` becomes an error the model sees; the connection is closed when the agent is done.
 */
export async function mcpToolBundle(
  services: ToolServices,
  transport: Transport,
  server: string,
  timeout: string | undefined,
): Promise<ToolBundle> {
  const timeoutMs = timeout === undefined ? DEFAULT_TIMEOUT_MS : (parseDuration(timeout) as number)
  const client: Client = new McpClient({ name: 'verity', version: VERITY_VERSION })
  try {
    await client.connect(transport, { timeout: timeoutMs, signal: services.ctx.signal })
    const tools: ToolSet = {}
    let cursor: string | undefined
    do {
      const page = await client.listTools(cursor === undefined ? undefined : { cursor }, {
        timeout: timeoutMs,
      })
      for (const listed of page.tools) {
        tools[listed.name] = dynamicTool({
          description: listed.description ?? listed.title ?? listed.name,
          inputSchema: jsonSchema(listed.inputSchema as Parameters<typeof jsonSchema>[0]),
          async execute(input, { abortSignal }) {
            const result = await client.callTool(
              { name: listed.name, arguments: input as Record<string, unknown> },
              undefined,
              { timeout: timeoutMs, signal: abortSignal },
            )
            const text = contentText(result.content)
            if (result.isError) throw new Error(text || `MCP tool ${listed.name} failed`)
            return result.structuredContent ?? text
          },
        })
      }
      cursor = page.nextCursor
    } while (cursor !== undefined)
    return { tools, close: () => client.close() }
  } catch (error) {
    await client.close().catch(() => undefined)
    const message = error instanceof Error ? error.message : String(error)
    throw new AiConfigurationError(
      `${services.label}: MCP server ${server} failed: ${services.ctx.mask(message)}`,
    )
  }
}

function contentText(content: unknown): string {
  if (!Array.isArray(content)) return ''
  return content
    .map((part: { type?: string; text?: string }) =>
      part.type === 'text' ? part.text : JSON.stringify(part),
    )
    .join('\n')
}
