import { useMemo } from 'react'
import { ErrorBanner } from '../components/ErrorBanner.tsx'
import { Topology } from '../flow/Topology.tsx'
import { api } from '../lib/api.ts'
import type { Execution, Flow, TaskRun } from '../lib/types.ts'
import { useAsync } from '../lib/use-async.ts'

/** The topology of the revision this execution ran, each task outlined in the colour of its latest run's state. */
export function ExecutionTopology({ execution, taskRuns }: { execution: Execution; taskRuns: TaskRun[] }) {
  const flow = useAsync(
    () =>
      api<Flow>(
        `flows/${execution.namespace}/${execution.flowId}?revision=${execution.flowRevision}&source=false`,
      ),
    [execution.namespace, execution.flowId, execution.flowRevision],
  )
  const states = useMemo(() => {
    const latest: Record<string, string> = {}
    for (const run of taskRuns) latest[run.taskId] = run.state.current
    return latest
  }, [taskRuns])
  return (
    <div className="stack">
      <ErrorBanner error={flow.error} />
      {flow.value && (
        <div className="topology" style={{ height: '65vh' }} data-testid="execution-topology">
          <Topology flow={flow.value} states={states} />
        </div>
      )}
    </div>
  )
}
