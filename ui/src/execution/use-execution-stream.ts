import { useEffect, useState } from 'react'
import { API, api } from '../lib/api.ts'
import { followSse } from '../lib/sse.ts'
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
    const stream = followSse(
      `${API}/executions/${id}/follow`,
      (event) => {
        const data = JSON.parse(event.data)
        setView((current) => {
          switch (event.event) {
            case 'log':
              return { ...current, logs: [...current.logs, data as LogLine], streamError: undefined }
            case 'trace':
              return { ...current, traces: [...current.traces, data as TraceEvent] }
            case 'taskRun':
              return { ...current, taskRuns: merge(current.taskRuns, [data as TaskRun]) }
            case 'execution':
              return { ...current, execution: { ...(data as Execution), taskRunList: [] } }
            default:
              return current
          }
        })
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
      stream.stop()
    }
  }, [id, generation])
  return view
}

/** Task runs by id, newer snapshots replacing older ones, in start order. */
function merge(base: TaskRun[], updates: TaskRun[]): TaskRun[] {
  const byId = new Map(base.map((run) => [run.id, run]))
  for (const run of updates) byId.set(run.id, run)
  return [...byId.values()].sort((a, b) => Date.parse(a.state.startDate) - Date.parse(b.state.startDate))
}
