import { formatMs, formatTime } from '../lib/format.ts'
import type { TraceEvent } from '../lib/types.ts'

interface PromptMessage {
  role: string
  content: string | { type: string; text?: string; toolName?: string; output?: unknown }[]
}

/** A prompt message as text: its text parts, and tool results summarised. */
function messageText(message: PromptMessage): string {
  if (typeof message.content === 'string') return message.content
  return message.content
    .map((part) =>
      part.type === 'text'
        ? (part.text ?? '')
        : part.type === 'tool-result'
          ? `[result of ${part.toolName}]`
          : `[${part.type}]`,
    )
    .join('\n')
}

/** An LLM request: model, call number, tools offered, and the newest message sent (the rest folds away). */
export function LlmRequest({ event }: { event: TraceEvent }) {
  const data = event.data as {
    agent?: string
    model?: string
    provider?: string
    call?: number
    tools?: string[]
    messages?: PromptMessage[]
  }
  const messages = data.messages ?? []
  const latest = messages.at(-1)
  return (
    <div className="turn llm">
      <div className="row small">
        <strong>LLM call {data.call}</strong>
        <span className="muted">
          {data.model} · {data.provider?.split('.').at(-1)} · {formatTime(event.timestamp)}
        </span>
        {data.tools && data.tools.length > 0 && <span className="muted">tools: {data.tools.join(', ')}</span>}
      </div>
      {latest && (
        <pre className="block" data-testid="prompt">
          <span className="muted">{latest.role}: </span>
          {messageText(latest)}
        </pre>
      )}
      {messages.length > 1 && (
        <details>
          <summary className="muted small">All {messages.length} messages sent</summary>
          {messages.map((message, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a sent prompt never changes.
            <pre className="block" key={index}>
              <span className="muted">{message.role}: </span>
              {messageText(message)}
            </pre>
          ))}
        </details>
      )}
    </div>
  )
}

/** An LLM answer: its text and tool calls, finish reason, token usage and duration. */
export function LlmResponse({ event }: { event: TraceEvent }) {
  const data = event.data as {
    call?: number
    content?: { type: string; text?: string; toolName?: string; input?: unknown }[]
    finishReason?: string
    usage?: { inputTokens?: number; outputTokens?: number }
    durationMs?: number
  }
  return (
    <div className="turn llm">
      <div className="row small">
        <strong>Answer {data.call}</strong>
        <span className="muted">
          {data.finishReason} · {data.usage?.inputTokens ?? '?'} in / {data.usage?.outputTokens ?? '?'} out
          tokens · {formatMs(data.durationMs ?? Number.NaN)}
        </span>
      </div>
      {(data.content ?? []).map((part, index) =>
        part.type === 'text' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: an answer never changes.
          <pre className="block" key={index} data-testid="answer">
            {part.text}
          </pre>
        ) : part.type === 'tool-call' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: an answer never changes.
          <div className="small" key={index}>
            asks for <code>{part.toolName}</code>
          </div>
        ) : null,
      )}
    </div>
  )
}
