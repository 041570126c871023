import { sendJson } from './http.ts'
import { type FakeLlm, type Script, startScriptedLlm, turnFinish, turnUsage } from './llm-script.ts'

const FINISH = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_calls',
  'content-filter': 'content_filter',
}

/**
 * A fake OpenAI Chat Completions API (`POST /v1/chat/completions`), also what OpenAI-compatible servers (LocalAI,
 * OpenRouter, DeepSeek, Mistral) speak. Errors as `{error: {message, type, code}}`. `baseUrl`: `${url}/v1`.
 */
export function startFakeOpenAI(script: Script): Promise<FakeLlm> {
  return startScriptedLlm(
    {
      isModelCall: (request) => request.method === 'POST' && request.path.endsWith('/chat/completions'),
      answer(_request, response, turn, index) {
        const usage = turnUsage(turn)
        sendJson(response, 200, {
          id: `chatcmpl-fake-${index + 1}`,
          object: 'chat.completion',
          created: 1_700_000_000,
          model: 'gpt-4o-mini',
          choices: [
            {
              index: 0,
              message: {
                role: 'assistant',
                content: turn.text ?? null,
                ...(turn.toolCalls?.length
                  ? {
                      tool_calls: turn.toolCalls.map((call, position) => ({
                        id: `call_${index + 1}_${position + 1}`,
                        type: 'function',
                        function: { name: call.name, arguments: JSON.stringify(call.args) },
                      })),
                    }
                  : {}),
              },
              finish_reason: FINISH[turnFinish(turn)],
            },
          ],
          usage: {
            prompt_tokens: usage.input,
            completion_tokens: usage.output,
            total_tokens: usage.input + usage.output,
          },
        })
      },
      error(response, error) {
        sendJson(
          response,
          error.status,
          { error: { message: error.message, type: 'invalid_request_error', code: null } },
          error.headers,
        )
      },
    },
    script,
  )
}
