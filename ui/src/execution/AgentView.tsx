import { EmptyState } from '../components/EmptyState.tsx'
import type { TaskRun, TraceEvent } from '../lib/types.ts'
import { CodeRun } from './CodeRun.tsx'
import { LlmRequest, LlmResponse } from './LlmTurn.tsx'
import { ToolCall, ToolResult } from './ToolEvent.tsx'

/**
 * The agent view: every trace event of the execution in order, grouped by task run — each LLM turn (prompt,
 * answer, tokens, duration) and each tool call, with code runs shown as code, language, output, status, time
 * and memory.
 */
export function AgentView({ traces, taskRuns }: { traces: TraceEvent[]; taskRuns: TaskRun[] }) {
  if (traces.length === 0) {
    return (
      <EmptyState title="No agent activity">
        This execution has no AI agent turns. Flows with an <code>io.kestra.plugin.ai.agent.AIAgent</code>{' '}
        task show each LLM call and every code run here, live.
      </EmptyState>
    )
  }
  const groups = new Map<string, TraceEvent[]>()
  for (const trace of traces) groups.set(trace.taskRunId, [...(groups.get(trace.taskRunId) ?? []), trace])
  return (
    <div className="stack" data-testid="agent-view">
      {[...groups].map(([taskRunId, events]) => (
        <div key={taskRunId} className="panel stack">
          <h2>{taskRuns.find((run) => run.id === taskRunId)?.taskId ?? taskRunId}</h2>
          {events.map((event, index) => (
            <TraceItem key={event.seq ?? index} event={event} />
          ))}
        </div>
      ))}
    </div>
  )
}

function TraceItem({ event }: { event: TraceEvent }) {
  switch (event.kind) {
    case 'llm-request':
      return <LlmRequest event={event} />
    case 'llm-response':
      return <LlmResponse event={event} />
    case 'tool-call':
      return <ToolCall event={event} />
    case 'tool-result':
      return <ToolResult event={event} />
    case 'code-execution':
      return <CodeRun event={event} />
    default:
      return (
        <div className="turn">
          <span className="muted small">{event.kind}</span>
          <pre className="block">{JSON.stringify(event.data, null, 2)}</pre>
        </div>
      )
  }
}
