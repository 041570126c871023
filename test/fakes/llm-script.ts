import type { ServerResponse } from 'node:http'
import { type FakeServer, type RecordedRequest, sendJson, startFakeServer } from './http.ts'

/** One tool call a scripted model makes. */
export interface FakeToolCall {
  name: string
  args: Record<string, unknown>
}

/** One scripted model answer, vendor-neutral; each fake encodes it in its vendor's wire format. */
export interface FakeTurn {
  text?: string
  toolCalls?: FakeToolCall[]
  /** Defaults: `tool-calls` when there are tool calls, else `stop`. */
  finish?: 'stop' | 'length' | 'tool-calls' | 'content-filter'
  usage?: { input: number; output: number }
  /** Wait this long before answering (to test cancellation). */
  delayMs?: number
  /** Answer with an HTTP error instead, in the vendor's error format. */
  error?: { status: number; message: string; headers?: Record<string, string> }
}

/** A conversation script: each LLM request gets the next turn (a function sees the request first). */
export type Script = (FakeTurn | ((request: RecordedRequest) => FakeTurn))[]

/** A vendor's wire format: which requests are LLM calls, and how to encode a turn or an error. */
export interface WireFormat {
  isModelCall(request: RecordedRequest): boolean
  answer(request: RecordedRequest, response: ServerResponse, turn: FakeTurn, index: number): void
  error(response: ServerResponse, error: NonNullable<FakeTurn['error']>): void
}

/** A fake LLM server: `modelRequests` are the LLM calls received, in order. */
export interface FakeLlm extends FakeServer {
  modelRequests(): RecordedRequest[]
}

/** Starts a fake LLM server speaking `format`, playing `script` turn by turn; 500s once the script is exhausted. */
export async function startScriptedLlm(format: WireFormat, script: Script): Promise<FakeLlm> {
  let next = 0
  const server = await startFakeServer(async (request, response) => {
    if (!format.isModelCall(request)) {
      sendJson(response, 404, { error: { message: `fake: no route ${request.method} ${request.path}` } })
      return
    }
    const index = next++
    const entry = script[index]
    if (entry === undefined) {
      format.error(response, { status: 500, message: `fake: script exhausted at request ${index + 1}` })
      return
    }
    const turn = typeof entry === 'function' ? entry(request) : entry
    if (turn.delayMs) await new Promise((resolve) => setTimeout(resolve, turn.delayMs))
    if (response.destroyed) return
    if (turn.error) format.error(response, turn.error)
    else format.answer(request, response, turn, index)
  })
  return { ...server, modelRequests: () => server.requests.filter((request) => format.isModelCall(request)) }
}

/** Usage of a turn, with small defaults so token sums are checkable. */
export function turnUsage(turn: FakeTurn): { input: number; output: number } {
  return turn.usage ?? { input: 10, output: 5 }
}

/** The finish reason of a turn. */
export function turnFinish(turn: FakeTurn): NonNullable<FakeTurn['finish']> {
  return turn.finish ?? (turn.toolCalls?.length ? 'tool-calls' : 'stop')
}
