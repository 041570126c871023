import { sendJson } from './http.ts'
import { type FakeLlm, type Script, startScriptedLlm, turnFinish, turnUsage } from './llm-script.ts'

/** A fake Ollama server (`POST /api/chat`, non-streaming). `endpoint`: `url`. */
export function startFakeOllama(script: Script): Promise<FakeLlm> {
  return startScriptedLlm(
    {
      isModelCall: (request) => request.method === 'POST' && request.path === '/api/chat',
      answer(_request, response, turn) {
        const usage = turnUsage(turn)
        sendJson(response, 200, {
          model: 'llama3.2',
          created_at: '2026-01-01T00:00:00Z',
          message: {
            role: 'assistant',
            content: turn.text ?? '',
            ...(turn.toolCalls?.length
              ? {
                  tool_calls: turn.toolCalls.map((call) => ({
                    function: { name: call.name, arguments: call.args },
                  })),
                }
              : {}),
          },
          done: true,
          done_reason: turnFinish(turn) === 'length' ? 'length' : 'stop',
          prompt_eval_count: usage.input,
          eval_count: usage.output,
        })
      },
      error(response, error) {
        sendJson(response, error.status, { error: { message: error.message } }, error.headers)
      },
    },
    script,
  )
}
