import { stateColor } from '../components/StateBadge.tsx'
import { durationMs, formatMs } from '../lib/format.ts'
import type { TaskRun } from '../lib/types.ts'

/** A task run's label: its task id, with the ForEach value when it is an iteration. */
export function taskRunLabel(run: TaskRun): string {
  return run.value !== undefined && run.value !== null ? `${run.taskId} [${run.value}]` : run.taskId
}

/**
 * The Gantt timeline: one row per task run (ForEach iterations are their own rows, nested under their parent),
 * a bar per attempt placed on the execution's time axis, coloured by state. `selected` highlights a run.
 */
export function Gantt({
  taskRuns,
  start,
  end,
  selected,
  onSelect,
}: {
  taskRuns: TaskRun[]
  start: string
  end?: string
  selected?: string
  onSelect(id: string): void
}) {
  const origin = Date.parse(start)
  const runEnds = taskRuns.map((run) => Date.parse(run.state.endDate ?? new Date().toISOString()))
  const last = Math.max(end ? Date.parse(end) : Date.now(), ...runEnds)
  const span = Math.max(1, last - origin)
  const depth = (run: TaskRun): number => {
    const parent = taskRuns.find((candidate) => candidate.id === run.parentTaskRunId)
    return parent ? 1 + depth(parent) : 0
  }
  const pct = (iso: string | undefined) =>
    ((Date.parse(iso ?? new Date(last).toISOString()) - origin) / span) * 100
  return (
    <div data-testid="gantt">
      {taskRuns.map((run) => {
        const attempts = run.attempts.length ? run.attempts.map((attempt) => attempt.state) : [run.state]
        return (
          <button
            type="button"
            key={run.id}
            id={`taskrun-${run.id}`}
            className="gantt-row"
            style={{ background: selected === run.id ? 'var(--hover)' : undefined, borderRadius: 4 }}
            onClick={() => onSelect(run.id)}
          >
            <span
              style={{
                paddingLeft: depth(run) * 14,
                overflow: 'hidden',
                textOverflow: 'ellipsis',
                whiteSpace: 'nowrap',
              }}
              title={run.taskId}
            >
              {taskRunLabel(run)}
              {attempts.length > 1 && <span className="muted small"> ×{attempts.length}</span>}
            </span>
            <span className="gantt-track">
              {attempts.map((state, index) => (
                <span
                  // biome-ignore lint/suspicious/noArrayIndexKey: attempts are append-only, their index is their identity.
                  key={index}
                  className="gantt-bar"
                  title={`attempt ${index + 1}: ${state.current} · ${formatMs(durationMs(state.startDate, state.endDate))}`}
                  style={{
                    left: `${pct(state.startDate)}%`,
                    width: `${Math.max(0.4, pct(state.endDate) - pct(state.startDate))}%`,
                    background: stateColor(state.current),
                    opacity: index === attempts.length - 1 ? 1 : 0.45,
                  }}
                />
              ))}
            </span>
            <span className="muted small" style={{ textAlign: 'right' }}>
              {formatMs(durationMs(run.state.startDate, run.state.endDate))}
            </span>
          </button>
        )
      })}
    </div>
  )
}
