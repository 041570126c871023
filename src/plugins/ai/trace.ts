import type { LanguageModelMiddleware } from 'ai'
import type { RunContext } from '../../engine/run-context.ts'

interface TraceQueue {
  tail: Promise<void>
  error?: unknown
}

const queues = new WeakMap<RunContext, TraceQueue>()

/**
 * Records a trace event with every string masked (API keys, secrets) and binary data summarised, so the event is
 * JSON-safe and never leaks a secret even when a vendor or a tool echoes one back. The write is queued, in order,
 * off the agent's critical path (an LLM call never waits for a trace write); `flushTraces` awaits them.
 */
export function traceMasked(ctx: RunContext, kind: string, data: Record<string, unknown>): void {
  const event = toTraceValue(ctx, data) as Record<string, unknown>
  const queue = queues.get(ctx) ?? { tail: Promise.resolve() }
  queues.set(ctx, queue)
  const write = () =>
    ctx.trace(kind, event).catch((error: unknown) => {
      queue.error ??= error
    })
  queue.tail = queue.tail.then(write)
}

/** Waits for every queued trace write of `ctx`; throws the first write error, if any. */
export async function flushTraces(ctx: RunContext): Promise<void> {
  const queue = queues.get(ctx)
  if (queue === undefined) return
  await queue.tail
  if (queue.error !== undefined) {
    const error = queue.error
    queue.error = undefined
    throw error
  }
}

function toTraceValue(ctx: RunContext, value: unknown): unknown {
  if (typeof value === 'string') return ctx.mask(value)
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`
  if (value instanceof URL) return ctx.mask(value.href)
  if (Array.isArray(value)) return value.map((item) => toTraceValue(ctx, item))
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) result[key] = toTraceValue(ctx, item)
    }
    return result
  }
  return value
}

/** One LLM round trip as the tracing middleware saw it. */
export interface LlmCallRecord {
  responseId?: string
  durationMs: number
}

/**
 * A language-model middleware tracing every LLM request (`llm-request`: messages, tool names, settings) and
 * response (`llm-response`: text, tool calls, finish reason, token usage, duration), and keeping each call's
 * duration in `calls` for the task outputs. `source` names the agent (task or agent-as-tool) and model.
 */
export function tracingMiddleware(
  ctx: RunContext,
  source: { agent: string; provider: string; model: string },
  calls: LlmCallRecord[],
): LanguageModelMiddleware {
  return {
    specificationVersion: 'v3',
    async wrapGenerate({ doGenerate, params }) {
      const call = calls.length + 1
      traceMasked(ctx, 'llm-request', {
        ...source,
        call,
        messages: params.prompt,
        tools: params.tools?.map((tool) => tool.name) ?? [],
        settings: {
          temperature: params.temperature,
          topP: params.topP,
          topK: params.topK,
          seed: params.seed,
          maxOutputTokens: params.maxOutputTokens,
          responseFormat: params.responseFormat?.type,
        },
      })
      const started = performance.now()
      const result = await doGenerate()
      const durationMs = Math.round(performance.now() - started)
      calls.push({ responseId: result.response?.id, durationMs })
      traceMasked(ctx, 'llm-response', {
        ...source,
        call,
        responseId: result.response?.id,
        content: result.content.map((part) =>
          part.type === 'tool-call'
            ? {
                type: part.type,
                toolCallId: part.toolCallId,
                toolName: part.toolName,
                input: parseJson(part.input),
              }
            : part,
        ),
        finishReason: result.finishReason.unified,
        usage: {
          inputTokens: result.usage.inputTokens.total,
          outputTokens: result.usage.outputTokens.total,
        },
        durationMs,
      })
      return result
    },
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
