import { useState } from 'react'
import { ErrorBanner } from '../components/ErrorBanner.tsx'
import { JsonTree } from '../components/JsonTree.tsx'
import { Link } from '../components/Link.tsx'
import { StateBadge } from '../components/StateBadge.tsx'
import { AgentView } from '../execution/AgentView.tsx'
import { ExecutionActions } from '../execution/ExecutionActions.tsx'
import { ExecutionTopology } from '../execution/ExecutionTopology.tsx'
import { Gantt, taskRunLabel } from '../execution/Gantt.tsx'
import { Logs } from '../execution/Logs.tsx'
import { useExecutionStream } from '../execution/use-execution-stream.ts'
import { durationMs, formatDate, formatMs } from '../lib/format.ts'
import { navigate } from '../lib/router.ts'

const TABS = ['gantt', 'logs', 'outputs', 'agent', 'topology'] as const
type Tab = (typeof TABS)[number]

/** An execution, live: state and duration, then Gantt, logs, outputs, the agent view and the topology as tabs. */
export function ExecutionPage({ id, tab }: { id: string; tab: string }) {
  const [generation, setGeneration] = useState(0)
  const view = useExecutionStream(id, generation)
  const [selected, setSelected] = useState<string>()
  const [actionError, setActionError] = useState<Error>()
  const current: Tab = (TABS as readonly string[]).includes(tab) ? (tab as Tab) : 'gantt'
  const show = (name: Tab) => navigate(`/executions/${id}?tab=${name}`, { replace: true })
  const execution = view.execution
  const selectedRun = view.taskRuns.find((run) => run.id === selected)
  return (
    <div className="stack">
      <ErrorBanner error={view.error} />
      {execution && (
        <div className="page-header">
          <h1>
            <Link to={`/flows/${execution.namespace}/${execution.flowId}`}>
              <span className="muted">{execution.namespace}.</span>
              {execution.flowId}
            </Link>
          </h1>
          <StateBadge state={execution.state.current} />
          <span className="muted small mono">{execution.id}</span>
          <span className="muted small">
            started {formatDate(execution.state.startDate)} ·{' '}
            <span data-testid="duration">
              {formatMs(durationMs(execution.state.startDate, execution.state.endDate))}
            </span>
          </span>
          <span className="grow" />
          <ExecutionActions
            execution={execution}
            onChanged={(next) =>
              next === id ? setGeneration((value) => value + 1) : navigate(`/executions/${next}`)
            }
            onError={setActionError}
          />
        </div>
      )}
      <ErrorBanner error={actionError} />
      {view.streamError && (
        <div className="muted small">
          Live updates interrupted ({view.streamError.message}); reconnecting…
        </div>
      )}
      <div className="tabs">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            className={name === current ? 'active' : ''}
            onClick={() => show(name)}
          >
            {name === 'agent'
              ? `Agent${view.traces.length ? ` (${view.traces.length})` : ''}`
              : name[0]?.toUpperCase() + name.slice(1)}
          </button>
        ))}
      </div>
      {execution && current === 'gantt' && (
        <div className="panel stack">
          {view.taskRuns.length === 0 ? (
            <div className="muted">No task has started yet.</div>
          ) : (
            <Gantt
              taskRuns={view.taskRuns}
              start={execution.state.startDate}
              end={execution.state.endDate}
              selected={selected}
              onSelect={setSelected}
            />
          )}
          {selectedRun && (
            <div className="panel stack" data-testid="task-run-detail">
              <h2>
                {taskRunLabel(selectedRun)} <StateBadge state={selectedRun.state.current} />
              </h2>
              <span className="muted small">
                {selectedRun.attempts.length} attempt{selectedRun.attempts.length === 1 ? '' : 's'} ·{' '}
                {formatMs(durationMs(selectedRun.state.startDate, selectedRun.state.endDate))}
              </span>
              {selectedRun.outputs && Object.keys(selectedRun.outputs).length > 0 ? (
                <JsonTree value={selectedRun.outputs} depth={1} />
              ) : (
                <span className="muted small">No outputs.</span>
              )}
            </div>
          )}
        </div>
      )}
      {current === 'logs' && (
        <Logs
          logs={view.logs}
          onTaskRun={(taskRunId) => {
            setSelected(taskRunId)
            show('gantt')
          }}
        />
      )}
      {execution && current === 'outputs' && (
        <div className="stack" data-testid="outputs">
          <div className="panel">
            <h2>Flow outputs</h2>
            <JsonTree value={execution.outputs ?? {}} />
          </div>
          <div className="panel">
            <h2>Inputs</h2>
            <JsonTree value={execution.inputs ?? {}} />
          </div>
          <div className="panel">
            <h2>Task outputs</h2>
            <JsonTree
              value={Object.fromEntries(
                view.taskRuns
                  .filter((run) => run.outputs && Object.keys(run.outputs).length > 0)
                  .map((run) => [taskRunLabel(run), run.outputs]),
              )}
              depth={1}
            />
          </div>
        </div>
      )}
      {current === 'agent' && <AgentView traces={view.traces} taskRuns={view.taskRuns} />}
      {execution && current === 'topology' && (
        <ExecutionTopology execution={execution} taskRuns={view.taskRuns} />
      )}
    </div>
  )
}
