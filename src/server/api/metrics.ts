import { Hono } from 'hono'
import type { EngineEvent } from '../../engine/index.ts'
import { isTerminal } from '../../engine/index.ts'
import type { ExecutionState } from '../../store/types.ts'
import type { ApiDeps } from './deps.ts'

const STATES: ExecutionState[] = [
  'CREATED',
  'QUEUED',
  'RUNNING',
  'PAUSED',
  'RETRYING',
  'SUCCESS',
  'WARNING',
  'FAILED',
  'KILLING',
  'KILLED',
  'CANCELLED',
]
/** Seconds; the task-run duration histogram's buckets. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300]

/**
 * Counters fed by engine events since this process started: task-run durations (histogram by final state),
 * sandbox runs (`code-execution` trace events by language and status) and LLM tokens (`llm-response` usage).
 */
export class EngineMetrics {
  readonly #buckets = new Map<string, number[]>()
  readonly #sums = new Map<string, { count: number; sum: number }>()
  readonly #sandboxRuns = new Map<string, number>()
  readonly #tokens = { input: 0, output: 0 }

  observe(event: EngineEvent): void {
    if (event.type === 'task-run' && isTerminal(event.taskRun.state.current) && event.taskRun.state.endDate) {
      const { state } = event.taskRun
      const seconds = (Date.parse(state.endDate as string) - Date.parse(state.startDate)) / 1000
      const counts = this.#buckets.get(state.current) ?? BUCKETS.map(() => 0)
      BUCKETS.forEach((bound, index) => {
        if (seconds <= bound) counts[index] = (counts[index] ?? 0) + 1
      })
      this.#buckets.set(state.current, counts)
      const total = this.#sums.get(state.current) ?? { count: 0, sum: 0 }
      this.#sums.set(state.current, { count: total.count + 1, sum: total.sum + seconds })
    } else if (event.type === 'trace' && event.trace.kind === 'code-execution') {
      const { language, status } = event.trace.data as { language?: unknown; status?: unknown }
      const key = `language="${label(language)}",status="${label(status)}"`
      this.#sandboxRuns.set(key, (this.#sandboxRuns.get(key) ?? 0) + 1)
    } else if (event.type === 'trace' && event.trace.kind === 'llm-response') {
      const usage = event.trace.data.usage as { inputTokens?: number; outputTokens?: number } | undefined
      this.#tokens.input += usage?.inputTokens ?? 0
      this.#tokens.output += usage?.outputTokens ?? 0
    }
  }

  /** Prometheus text lines of these counters. */
  lines(): string[] {
    const lines = [
      '# HELP verity_taskrun_duration_seconds Duration of finished task runs.',
      '# TYPE verity_taskrun_duration_seconds histogram',
    ]
    for (const [state, counts] of this.#buckets) {
      BUCKETS.forEach((bound, index) => {
        lines.push(`verity_taskrun_duration_seconds_bucket{state="${state}",le="${bound}"} ${counts[index]}`)
      })
      const total = this.#sums.get(state) ?? { count: 0, sum: 0 }
      lines.push(`verity_taskrun_duration_seconds_bucket{state="${state}",le="+Inf"} ${total.count}`)
      lines.push(`verity_taskrun_duration_seconds_sum{state="${state}"} ${total.sum}`)
      lines.push(`verity_taskrun_duration_seconds_count{state="${state}"} ${total.count}`)
    }
    lines.push(
      '# HELP verity_sandbox_runs_total Code executions run by agents in the sandbox.',
      '# TYPE verity_sandbox_runs_total counter',
    )
    for (const [labels, count] of this.#sandboxRuns)
      lines.push(`verity_sandbox_runs_total{${labels}} ${count}`)
    lines.push(
      '# HELP verity_llm_tokens_total LLM tokens used, from llm-response trace events.',
      '# TYPE verity_llm_tokens_total counter',
      `verity_llm_tokens_total{direction="input"} ${this.#tokens.input}`,
      `verity_llm_tokens_total{direction="output"} ${this.#tokens.output}`,
    )
    return lines
  }
}

function label(value: unknown): string {
  return String(value ?? 'unknown').replace(/["\\\n]/g, '_')
}

/** `GET /metrics`: Prometheus text — executions by state (from the store), plus the engine counters. */
export function metricsRoutes(deps: ApiDeps, metrics: EngineMetrics): Hono {
  const app = new Hono()
  app.get('/metrics', async (context) => {
    const lines = [
      '# HELP verity_executions Executions in the store by current state.',
      '# TYPE verity_executions gauge',
    ]
    for (const state of STATES) {
      const { total } = await deps.store.executions.list({ states: [state], size: 1 })
      lines.push(`verity_executions{state="${state}"} ${total}`)
    }
    lines.push(...metrics.lines())
    return context.text(`${lines.join('\n')}\n`, 200, {
      'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
    })
  })
  return app
}
