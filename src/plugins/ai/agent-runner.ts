import { generateText, type ModelMessage, stepCountIs, type Tool, type ToolSet, wrapLanguageModel } from 'ai'
import type { RunContext } from '../../engine/run-context.ts'
import type { PluginObject } from '../../flow/types.ts'
import { type AgentOutputs, agentOutputs } from './agent-outputs.ts'
import { type Configuration, callSettings, outputSpecification, wantsJson } from './configuration.ts'
import { AiConfigurationError, toAiError } from './errors.ts'
import { resolveComponent } from './resolve-component.ts'
import { flushTraces, type LlmCallRecord, traceMasked, tracingMiddleware } from './trace.ts'
import type {
  MemoryImplementation,
  ProviderImplementation,
  ToolBundle,
  ToolImplementation,
  ToolServices,
} from './types.ts'

/** One agent run: what AIAgent, the completion tasks and the agent-as-tool all come down to. */
export interface AgentRequest {
  /**
   * Where the agent is inside its task: `''` for the task itself, `tools[1]` for an agent used as a tool. Nested
   * components resolve under it (`tools[1].provider`); messages and traces name it after the task id.
   */
  path: string
  provider: PluginObject
  systemMessage?: string
  /** The conversation to answer: usually one user message (the prompt). */
  messages: ModelMessage[]
  configuration: Configuration
  tools?: PluginObject[]
  /** How many LLM responses in a row may call tools; then the model must answer without tools. */
  maxSequentialToolsInvocations?: number
  memory?: PluginObject
}

type LanguageModelV3 = Parameters<typeof wrapLanguageModel>[0]['model']

/**
 * Runs an agent: resolves its provider, tools and memory, loops LLM ⇄ tools with the AI SDK, traces every LLM
 * call and tool call, saves the memory and returns Kestra's outputs. A failing tool is a result the LLM sees and
 * can react to; a failing provider is a task error naming the vendor, the HTTP status and the vendor's message.
 */
export async function runAgent(ctx: RunContext, request: AgentRequest): Promise<AgentOutputs> {
  const label = labelOf(ctx, request.path)
  const provider = await resolveComponent<ProviderImplementation>(
    ctx,
    request.provider,
    childPath(request.path, 'provider'),
    'provider',
  )
  for (const secret of provider.implementation.secrets(provider.props)) ctx.maskSecret(secret)
  const calls: LlmCallRecord[] = []
  const source = {
    agent: label,
    provider: provider.type,
    model: provider.implementation.modelName(provider.props),
  }
  const model = wrapLanguageModel({
    model: provider.implementation.createModel(provider.props) as LanguageModelV3,
    middleware: tracingMiddleware(ctx, source, calls),
  })
  const outputFiles: Record<string, string> = {}
  const bundles: ToolBundle[] = []
  const stop = new AbortController()
  let fatalError: Error | undefined
  const services = {
    addOutputFile: (name: string, uri: string) => {
      outputFiles[name] = uri
    },
    fatal: (error: Error) => {
      fatalError ??= error
      stop.abort(error)
      return error
    },
  }
  try {
    const tools = await buildTools(ctx, request, bundles, services)
    const memory = await openMemory(ctx, request)
    const messages = [...(memory?.messages ?? []), ...request.messages]
    const maxToolRounds = request.maxSequentialToolsInvocations ?? Number.POSITIVE_INFINITY
    const output = outputSpecification(request.configuration)
    const result = await generateText({
      model,
      system: request.systemMessage,
      messages,
      tools,
      ...(output === undefined ? {} : { output }),
      ...callSettings(request.configuration),
      abortSignal: AbortSignal.any([ctx.signal, stop.signal]),
      stopWhen: stepCountIs(Number.isFinite(maxToolRounds) ? maxToolRounds + 1 : Number.MAX_SAFE_INTEGER),
      prepareStep: ({ stepNumber }) => {
        if (stepNumber < maxToolRounds) return undefined
        ctx.logger.warn(
          `${label}: maxSequentialToolsInvocations (${maxToolRounds}) reached; asking the model to answer without tools`,
        )
        return { toolChoice: 'none' }
      },
    }).catch((error: unknown) => {
      // A timeout or kill is the engine's to report, not a provider failure.
      if (ctx.signal.aborted) throw error
      throw fatalError ?? toAiError(error, provider.implementation.vendor, (text) => ctx.mask(text))
    })
    await memory?.save([...messages, ...result.response.messages])
    const outputs = agentOutputs(result, calls, { json: wantsJson(request.configuration), outputFiles })
    ctx.logger.info(answerLine(label, outputs))
    return outputs
  } finally {
    await Promise.allSettled(bundles.map((bundle) => bundle.close?.()))
    await flushTraces(ctx)
  }
}

async function openMemory(ctx: RunContext, request: AgentRequest) {
  if (request.memory === undefined) return undefined
  const path = childPath(request.path, 'memory')
  const component = await resolveComponent<MemoryImplementation>(ctx, request.memory, path, 'memory')
  return component.implementation.open(ctx, component.props)
}

async function buildTools(
  ctx: RunContext,
  request: AgentRequest,
  bundles: ToolBundle[],
  services: Pick<ToolServices, 'addOutputFile' | 'fatal'>,
): Promise<ToolSet | undefined> {
  if (!request.tools?.length) return undefined
  const tools: ToolSet = {}
  for (const [index, object] of request.tools.entries()) {
    const path = childPath(request.path, `tools[${index}]`)
    const label = labelOf(ctx, path)
    const component = await resolveComponent<ToolImplementation>(ctx, object, path, 'tool')
    const bundle = await component.implementation.createTools(
      { ctx, path, label, ...services },
      component.props,
    )
    bundles.push(bundle)
    for (const [name, tool] of Object.entries(bundle.tools)) {
      if (name in tools) {
        throw new AiConfigurationError(`${label}: a tool named "${name}" is already declared by another tool`)
      }
      tools[name] = traced(ctx, labelOf(ctx, request.path), name, tool)
    }
  }
  return tools
}

/** Wraps a tool's `execute` so each call and its result (or error) become `tool-call` / `tool-result` traces. */
function traced(ctx: RunContext, agent: string, toolName: string, tool: Tool): Tool {
  const execute = tool.execute
  if (execute === undefined) return tool
  return {
    ...tool,
    execute: async (input, options) => {
      const toolCallId = options.toolCallId
      traceMasked(ctx, 'tool-call', { agent, toolCallId, toolName, input })
      const started = performance.now()
      try {
        const output = await execute(input, options)
        const durationMs = Math.round(performance.now() - started)
        traceMasked(ctx, 'tool-result', { agent, toolCallId, toolName, output, durationMs })
        ctx.logger.info(`${agent}: ${toolName} → ${shorten(JSON.stringify(output) ?? 'nothing', 300)}`)
        return output
      } catch (error) {
        const durationMs = Math.round(performance.now() - started)
        const message = error instanceof Error ? error.message : String(error)
        traceMasked(ctx, 'tool-result', { agent, toolCallId, toolName, error: message, durationMs })
        ctx.logger.warn(
          `${agent}: tool ${toolName} failed (the error is passed to the model): ${ctx.mask(message)}`,
        )
        throw error
      }
    },
  } as Tool
}

/** `tools[0]` under `''` is `tools[0]`; under `tools[1]` it is `tools[1].tools[0]`. */
function childPath(parent: string, child: string): string {
  return parent === '' ? child : `${parent}.${child}`
}

/** How messages and traces name a place in the task: `agent`, `agent.tools[0]`. */
function labelOf(ctx: RunContext, path: string): string {
  return path === '' ? ctx.taskRun.taskId : `${ctx.taskRun.taskId}.${path}`
}

/** The log line of an agent's answer: how it ended, what it cost, and the answer itself (shortened). */
function answerLine(label: string, outputs: AgentOutputs): string {
  const answer = outputs.textOutput ?? JSON.stringify(outputs.jsonOutput) ?? ''
  const tools = outputs.toolExecutions.length
  const toolCalls = tools === 0 ? '' : `, ${tools} tool call${tools === 1 ? '' : 's'}`
  const tokens = outputs.tokenUsage.totalTokenCount ?? '?'
  return `${label}: answered (${outputs.finishReason}, ${tokens} tokens${toolCalls}): ${shorten(answer, 500)}`
}

/** Log lines stay readable: long texts keep their start and say how much was cut. */
function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`
}
