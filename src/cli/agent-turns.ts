/**
 * How `verity executions show` prints an AI agent's turns: the trace events the AI plugins record (`llm-request`,
 * `llm-response`, `tool-call`, `tool-result`, `code-execution`) as a readable conversation, one or a few lines each.
 */
import type { TraceEventRecord } from '../store/types.ts'

const MAX_TEXT = 160

type Data = Record<string, unknown>
interface Part {
  type?: string
  text?: string
  toolName?: string
  input?: unknown
  output?: { type?: string; value?: unknown }
}
interface Message {
  role?: string
  content?: string | Part[]
}

/** One line of text: newlines shown as ⏎, cut at `max` characters. */
export function oneLine(value: unknown, max = MAX_TEXT): string {
  const text = (typeof value === 'string' ? value : (JSON.stringify(value) ?? '')).replace(/\s*\n\s*/g, ' ⏎ ')
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

function time(event: TraceEventRecord): string {
  return event.timestamp.slice(11, 23)
}

function part(content: Part): string {
  if (content.type === 'text') return JSON.stringify(oneLine(content.text ?? ''))
  if (content.type === 'tool-call') return `${content.toolName}(${oneLine(content.input, 100)})`
  if (content.type === 'tool-result')
    return `${content.toolName} → ${oneLine(content.output?.value ?? content.output, 100)}`
  return `[${content.type}]`
}

function message(entry: Message): string {
  const content =
    typeof entry.content === 'string'
      ? JSON.stringify(oneLine(entry.content))
      : (entry.content ?? []).map(part).join(', ')
  return `${entry.role}: ${content}`
}

/** The messages new in this request: all of them on the first call, else those after the last assistant turn. */
function newMessages(messages: Message[], call: number): Message[] {
  if (call <= 1) return messages
  const lastAssistant = messages.map((entry) => entry.role).lastIndexOf('assistant')
  return messages.slice(lastAssistant + 1)
}

function llmRequest(event: TraceEventRecord): string[] {
  const data = event.data as Data
  const call = Number(data.call ?? 1)
  const tools = (data.tools as string[] | undefined) ?? []
  const head = `${time(event)} ▶ ${data.agent} → ${data.model} (call ${call}${tools.length ? `, tools: ${tools.join(', ')}` : ''})`
  return [
    head,
    ...newMessages((data.messages as Message[]) ?? [], call).map((entry) => `    ${message(entry)}`),
  ]
}

function llmResponse(event: TraceEventRecord): string[] {
  const data = event.data as Data
  const usage = (data.usage as { inputTokens?: number; outputTokens?: number }) ?? {}
  const head = `${time(event)} ◀ ${data.agent} ← ${data.model} (${data.durationMs} ms, ${usage.inputTokens ?? '?'}→${usage.outputTokens ?? '?'} tokens, ${data.finishReason})`
  return [head, ...((data.content as Part[]) ?? []).map((content) => `    ${part(content)}`)]
}

function toolCall(event: TraceEventRecord): string[] {
  const data = event.data as Data
  return [`${time(event)} ⚒ ${data.toolName}(${oneLine(data.input)})`]
}

function toolResult(event: TraceEventRecord): string[] {
  const data = event.data as Data
  const what = data.error === undefined ? oneLine(data.output) : `error: ${oneLine(data.error)}`
  return [`${time(event)} ⚒ ${data.toolName} → ${what} (${data.durationMs} ms)`]
}

function codeExecution(event: TraceEventRecord): string[] {
  const data = event.data as Data
  const lines = [
    `${time(event)} ⚙ ${data.executor} ${data.language}: ${data.status}, exit ${data.exitCode ?? '-'}, ${data.time ?? '?'} s CPU, ${data.memory ?? '?'} KB`,
    ...String(data.source ?? '')
      .split('\n')
      .slice(0, 12)
      .map((line) => `    │ ${line}`),
  ]
  for (const stream of ['stdout', 'stderr', 'compileOutput'] as const) {
    const text = String(data[stream] ?? '')
    if (text)
      lines.push(
        `    ${stream}: ${oneLine(text.trimEnd())}${data[`${stream}Truncated`] ? ' (truncated)' : ''}`,
      )
  }
  return lines
}

/** The formatters by trace kind, for `registerTraceFormatter`. */
export const agentTurnFormatters: Record<string, (event: TraceEventRecord) => string[]> = {
  'llm-request': llmRequest,
  'llm-response': llmResponse,
  'tool-call': toolCall,
  'tool-result': toolResult,
  'code-execution': codeExecution,
}
