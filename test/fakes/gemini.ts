import type { ServerResponse } from 'node:http'
import { sendJson } from './http.ts'
import {
  type FakeLlm,
  type FakeTurn,
  type Script,
  startScriptedLlm,
  turnFinish,
  turnUsage,
} from './llm-script.ts'

const FINISH = {
  stop: 'STOP',
  length: 'MAX_TOKENS',
  'tool-calls': 'STOP',
  'content-filter': 'SAFETY',
} as const

function candidateResponse(turn: FakeTurn, index: number) {
  const usage = turnUsage(turn)
  return {
    candidates: [
      {
        content: {
          role: 'model',
          parts: [
            ...(turn.text === undefined ? [] : [{ text: turn.text }]),
            ...(turn.toolCalls ?? []).map((call) => ({ functionCall: { name: call.name, args: call.args } })),
          ],
        },
        finishReason: FINISH[turnFinish(turn)],
        index: 0,
      },
    ],
    usageMetadata: {
      promptTokenCount: usage.input,
      candidatesTokenCount: usage.output,
      totalTokenCount: usage.input + usage.output,
    },
    modelVersion: 'gemini-2.5-flash',
    responseId: `fake-gemini-${index + 1}`,
  }
}

function streamResponse(response: ServerResponse, turn: FakeTurn, index: number) {
  response.writeHead(200, { 'content-type': 'text/event-stream' })
  const body = candidateResponse(turn, index)
  response.end(`data: ${JSON.stringify(body)}\r\n\r\n`)
}

/**
 * A fake Google Gemini (Generative Language API): `POST /v1beta/models/{model}:generateContent` and
 * `:streamGenerateContent?alt=sse`, errors as Google's `{error: {code, message, status}}`. Point a GoogleGemini
 * provider's `baseUrl` at `${url}/v1beta`.
 */
export function startFakeGemini(script: Script): Promise<FakeLlm> {
  return startScriptedLlm(
    {
      isModelCall: (request) =>
        request.method === 'POST' && /:(stream)?[gG]enerateContent/.test(request.path),
      answer(request, response, turn, index) {
        if (request.path.includes(':streamGenerateContent')) streamResponse(response, turn, index)
        else sendJson(response, 200, candidateResponse(turn, index))
      },
      error(response, error) {
        const status =
          error.status === 401 ? 'UNAUTHENTICATED' : error.status === 429 ? 'RESOURCE_EXHAUSTED' : 'INTERNAL'
        sendJson(
          response,
          error.status,
          { error: { code: error.status, message: error.message, status } },
          error.headers,
        )
      },
    },
    script,
  )
}
