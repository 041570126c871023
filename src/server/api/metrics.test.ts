import assert from 'node:assert/strict'
import { test } from 'node:test'
import { EngineMetrics } from './metrics.ts'

const trace = (kind: string, data: Record<string, unknown>) => ({
  type: 'trace' as const,
  trace: { executionId: 'e', taskRunId: 't', kind, timestamp: '2026-01-01T00:00:00Z', data },
})

test('engine metrics: task-run histogram, sandbox runs and LLM tokens from events', () => {
  const metrics = new EngineMetrics()
  metrics.observe({
    type: 'task-run',
    taskRun: {
      id: 't',
      executionId: 'e',
      namespace: 'n',
      flowId: 'f',
      taskId: 'x',
      index: 0,
      attempts: [],
      outputs: {},
      state: {
        current: 'SUCCESS',
        histories: [],
        startDate: '2026-01-01T00:00:00.000Z',
        endDate: '2026-01-01T00:00:00.300Z',
      },
    },
  })
  metrics.observe(trace('code-execution', { language: 'python', status: 'Accepted' }))
  metrics.observe(trace('code-execution', { language: 'python', status: 'Accepted' }))
  metrics.observe(trace('llm-response', { usage: { inputTokens: 120, outputTokens: 30 } }))
  metrics.observe(trace('llm-response', { usage: { inputTokens: 5 } }))
  const text = metrics.lines().join('\n')
  assert.match(text, /verity_taskrun_duration_seconds_bucket\{state="SUCCESS",le="0.25"\} 0/)
  assert.match(text, /verity_taskrun_duration_seconds_bucket\{state="SUCCESS",le="0.5"\} 1/)
  assert.match(text, /verity_taskrun_duration_seconds_count\{state="SUCCESS"\} 1/)
  assert.match(text, /verity_sandbox_runs_total\{language="python",status="Accepted"\} 2/)
  assert.match(text, /verity_llm_tokens_total\{direction="input"\} 125/)
  assert.match(text, /verity_llm_tokens_total\{direction="output"\} 30/)
})
