import { sendJson } from './http.ts'
import { type FakeLlm, type Script, startScriptedLlm, turnFinish, turnUsage } from './llm-script.ts'

const STOP = { stop: 'end_turn', length: 'max_tokens', 'tool-calls': 'tool_use', 'content-filter': 'refusal' }

/**
 * A fake Anthropic Messages API (`POST /v1/messages`), errors as `{type: 'error', error: {type, message}}`.
 * `baseUrl`: `${url}/v1`.
 */
export function startFakeAnthropic(script: Script): Promise<FakeLlm> {
  return startScriptedLlm(
    {
      isModelCall: (request) => request.method === 'POST' && request.path.endsWith('/messages'),
      answer(_request, response, turn, index) {
        const usage = turnUsage(turn)
        sendJson(response, 200, {
          id: `msg_fake_${index + 1}`,
          type: 'message',
          role: 'assistant',
          model: 'claude-sonnet-4-5',
          content: [
            ...(turn.text === undefined ? [] : [{ type: 'text', text: turn.text }]),
            ...(turn.toolCalls ?? []).map((call, position) => ({
              type: 'tool_use',
              id: `toolu_${index + 1}_${position + 1}`,
              name: call.name,
              input: call.args,
            })),
          ],
          stop_reason: STOP[turnFinish(turn)],
          stop_sequence: null,
          usage: { input_tokens: usage.input, output_tokens: usage.output },
        })
      },
      error(response, error) {
        const type =
          error.status === 401
            ? 'authentication_error'
            : error.status === 429
              ? 'rate_limit_error'
              : 'api_error'
        sendJson(
          response,
          error.status,
          { type: 'error', error: { type, message: error.message } },
          error.headers,
        )
      },
    },
    script,
  )
}
