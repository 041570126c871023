import type { Plugin } from '../define.ts'
import { aiAgent } from './agent.ts'
import { aiAgentTool } from './ai-agent-tool.ts'
import { anthropic } from './anthropic.ts'
import { chatCompletion } from './chat-completion.ts'
import { classification } from './classification.ts'
import { codeExecution } from './code-execution.ts'
import { deepSeek } from './deepseek.ts'
import { googleGemini } from './google-gemini.ts'
import { jsonStructuredExtraction } from './json-structured-extraction.ts'
import { kestraFlow } from './kestra-flow.ts'
import { kestraKVStore } from './kestra-kv-store.ts'
import { localAI } from './local-ai.ts'
import { mistralAI } from './mistral-ai.ts'
import { ollama } from './ollama.ts'
import { openRouter } from './open-router.ts'
import { openAI } from './openai.ts'
import { sseMcpClient } from './sse-mcp-client.ts'
import { stdioMcpClient } from './stdio-mcp-client.ts'
import { streamableHttpMcpClient } from './streamable-http-mcp-client.ts'

export type { AgentOutputs } from './agent-outputs.ts'
export { type AgentRequest, runAgent } from './agent-runner.ts'
export type { MemoryImplementation, ProviderImplementation, ToolImplementation } from './types.ts'

/** AI plugins under their Kestra type names (`io.kestra.plugin.ai.*`). */
export const aiPlugins: Plugin[] = [
  aiAgent,
  chatCompletion,
  jsonStructuredExtraction,
  classification,
  googleGemini,
  openAI,
  anthropic,
  ollama,
  mistralAI,
  deepSeek,
  openRouter,
  localAI,
  codeExecution,
  aiAgentTool,
  kestraFlow,
  stdioMcpClient,
  streamableHttpMcpClient,
  sseMcpClient,
  kestraKVStore,
] as Plugin[]
