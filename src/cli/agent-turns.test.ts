import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { TraceEventRecord } from '../store/types.ts'
import { agentTurnFormatters, oneLine } from './agent-turns.ts'

const event = (kind: string, data: Record<string, unknown>): TraceEventRecord => ({
  executionId: 'e',
  taskRunId: 't',
  kind,
  timestamp: '2026-01-01T12:00:01.250Z',
  data,
})
const format = (trace: TraceEventRecord) => agentTurnFormatters[trace.kind]?.(trace) ?? []

describe('agent turns in executions show', () => {
  it('prints only the new messages of a follow-up LLM request', () => {
    const lines = format(
      event('llm-request', {
        agent: 'agent',
        model: 'gemini-2.5-flash',
        call: 2,
        tools: ['execute_code'],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'sqrt 1764?' }] },
          {
            role: 'assistant',
            content: [{ type: 'tool-call', toolName: 'execute_code', input: { language: 'python' } }],
          },
          {
            role: 'tool',
            content: [
              {
                type: 'tool-result',
                toolName: 'execute_code',
                output: { type: 'json', value: { stdout: '42\n' } },
              },
            ],
          },
        ],
      }),
    )
    assert.deepEqual(lines, [
      '12:00:01.250 ▶ agent → gemini-2.5-flash (call 2, tools: execute_code)',
      '    tool: execute_code → {"stdout":"42\\n"}',
    ])
  })

  it('prints a response with timing, tokens and tool calls, and a code run with its source and output', () => {
    assert.deepEqual(
      format(
        event('llm-response', {
          agent: 'agent',
          model: 'm',
          durationMs: 12,
          usage: { inputTokens: 50, outputTokens: 7 },
          finishReason: 'tool-calls',
          content: [{ type: 'tool-call', toolName: 'execute_code', input: { code: 'print(1)' } }],
        }),
      ),
      ['12:00:01.250 ◀ agent ← m (12 ms, 50→7 tokens, tool-calls)', '    execute_code({"code":"print(1)"})'],
    )
    assert.deepEqual(
      format(
        event('code-execution', {
          executor: 'local',
          language: 'python',
          status: 'Runtime Error (NZEC)',
          exitCode: 1,
          time: 0.01,
          memory: 9000,
          source: 'import sys\nsys.exit(1)',
          stdout: '',
          stderr: 'boom\n',
          stderrTruncated: true,
        }),
      ),
      [
        '12:00:01.250 ⚙ local python: Runtime Error (NZEC), exit 1, 0.01 s CPU, 9000 KB',
        '    │ import sys',
        '    │ sys.exit(1)',
        '    stderr: boom (truncated)',
      ],
    )
  })

  it('cuts long text to one line', () => {
    assert.equal(oneLine('a\nb'), 'a ⏎ b')
    assert.equal(oneLine('x'.repeat(500)).length, 160)
  })
})
