import { durationMs, formatDate, formatMs } from '../lib/format.ts'
import { navigate } from '../lib/router.ts'
import type { Execution } from '../lib/types.ts'
import { Link } from './Link.tsx'
import { StateBadge } from './StateBadge.tsx'

/** Executions as rows: id, flow, state, start, duration; a row opens the execution. */
export function ExecutionTable({ executions }: { executions: Execution[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th>Execution</th>
          <th>Flow</th>
          <th>State</th>
          <th>Started</th>
          <th>Duration</th>
        </tr>
      </thead>
      <tbody>
        {executions.map((execution) => (
          <tr
            key={execution.id}
            className="clickable"
            onClick={() => navigate(`/executions/${execution.id}`)}
          >
            <td className="mono">
              <Link to={`/executions/${execution.id}`}>{execution.id.slice(0, 12)}</Link>
            </td>
            <td>
              <span className="muted">{execution.namespace}.</span>
              {execution.flowId}
            </td>
            <td>
              <StateBadge state={execution.state.current} />
            </td>
            <td className="muted">{formatDate(execution.state.startDate)}</td>
            <td>{formatMs(durationMs(execution.state.startDate, execution.state.endDate))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
