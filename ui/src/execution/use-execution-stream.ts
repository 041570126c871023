import { useEffect, useState } from 'react'
import { API, api } from '../lib/api.ts'
import { followSse, type SseEvent } from '../lib/sse.ts'
import type { Execution, LogLine, TaskRun, TraceEvent } from '../lib/types.ts'

/** Everything the execution page shows, kept live. */
export interface ExecutionView {
  execution?: Execution
  taskRuns: TaskRun[]
  logs: LogLine[]
  traces: TraceEvent[]
  error?: Error
  /** The live stream's last problem (it reconnects on its own). */
  streamError?: Error
}

/**
 * Loads an execution and follows `GET /executions/{id}/follow` (one SSE stream: logs, state changes, task runs,
 * trace events; it resumes from the last event id after a drop). Task runs are replaced by id as snapshots come.
 */
export function useExecutionStream(id: string, generation: number): ExecutionView {
  const [view, setView] = useState<ExecutionView>({ taskRuns: [], logs: [], traces: [] })
  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` restarts the stream after restart/replay.
  useEffect(() => {
    setView({ taskRuns: [], logs: [], traces: [] })
    let live = true
    api<Execution>(`executions/${id}`).then(
      (execution) => {
        if (!live) return
        setView((current) => ({
          ...current,
          execution: current.execution ?? execution,
          taskRuns: merge(execution.taskRunList, current.taskRuns),
        }))
      },
      (error: Error) => live && setView((current) => ({ ...current, error })),
    )
    // Events are applied in batches (one render per frame), so a chatty execution's thousands of log lines do
    // not re-render the page line by line.
    let pending: SseEvent[] = []
    let frame: number | undefined
    const flush = () => {
      frame = undefined
      const batch = pending
      pending = []
      if (!live) return
      const of = <T>(kind: string) =>
        batch.filter((event) => event.event === kind).map((event) => JSON.parse(event.data) as T)
      const logs = of<LogLine>('log')
      const traces = of<TraceEvent>('trace')
      setView((current) => {
        const next = batch.reduce(apply, current)
        return {
          ...next,
          logs: logs.length ? [...next.logs, ...logs] : next.logs,
          traces: traces.length ? [...next.traces, ...traces] : next.traces,
          streamError: logs.length ? undefined : next.streamError,
        }
      })
    }
    const stream = followSse(
      `${API}/executions/${id}/follow`,
      (event) => {
        pending.push(event)
        frame ??= requestAnimationFrame(flush)
        // The final state carries outputs: fetch the full record once the stream says it ended.
        if (event.event === 'end') {
          api<Execution>(`executions/${id}`).then(
            (execution) =>
              live &&
              setView((current) => ({
                ...current,
                execution,
                taskRuns: merge(current.taskRuns, execution.taskRunList),
              })),
            (error: Error) => live && setView((current) => ({ ...current, error })),
          )
        }
      },
      (streamError) => live && setView((current) => ({ ...current, streamError })),
    )
    return () => {
      live = false
      if (frame !== undefined) cancelAnimationFrame(frame)
      stream.stop()
    }
  }, [id, generation])
  return view
}

/** One state or task-run snapshot applied to the view (logs and traces are appended per batch). */
function apply(current: ExecutionView, event: SseEvent): ExecutionView {
  if (event.event !== 'taskRun' && event.event !== 'execution') return current
  const data = JSON.parse(event.data)
  switch (event.event) {
    case 'taskRun':
      return { ...current, taskRuns: merge(current.taskRuns, [data as TaskRun]) }
    case 'execution':
      // State-change snapshots carry no task runs: keep ours (they come as their own events).
      return { ...current, execution: { ...(data as Execution), taskRunList: [] } }
    default:
      return current
  }
}

/** Task runs by id, newer snapshots replacing older ones, in start order. */
function merge(base: TaskRun[], updates: TaskRun[]): TaskRun[] {
  const byId = new Map(base.map((run) => [run.id, run]))
  for (const run of updates) byId.set(run.id, run)
  return [...byId.values()].sort((a, b) => Date.parse(a.state.startDate) - Date.parse(b.state.startDate))
}
