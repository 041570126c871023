import { useEffect, useState } from 'react'
import { EmptyState } from '../components/EmptyState.tsx'
import { ErrorBanner } from '../components/ErrorBanner.tsx'
import { ExecutionTable } from '../components/ExecutionTable.tsx'
import { Link } from '../components/Link.tsx'
import { api } from '../lib/api.ts'
import { isTerminal } from '../lib/format.ts'
import type { Execution, Page } from '../lib/types.ts'
import { useAsync } from '../lib/use-async.ts'

const STATES = ['RUNNING', 'SUCCESS', 'WARNING', 'FAILED', 'KILLED', 'CREATED', 'PAUSED', 'RETRYING']
const PAGE_SIZE = 50
/** How often the list re-reads while an execution on it is still running. */
const REFRESH_MS = 3000

/**
 * Executions with filters (namespace, flow, labels, state, since) and paging; re-reads every few seconds while one of
 * its executions still runs, so states move on their own. `fixed` pins namespace and flow (the flow page's tab).
 */
export function ExecutionsPage({ fixed }: { fixed?: { namespace: string; flowId: string } }) {
  const [namespace, setNamespace] = useState('')
  const [flowId, setFlowId] = useState('')
  const [state, setState] = useState('')
  const [since, setSince] = useState('')
  const [labels, setLabels] = useState('')
  const [page, setPage] = useState(1)
  const params = new URLSearchParams({ size: String(PAGE_SIZE), page: String(page) })
  const ns = fixed?.namespace ?? namespace
  const flow = fixed?.flowId ?? flowId
  if (ns) params.set('namespace', ns)
  if (flow) params.set('flowId', flow)
  if (state) params.set('state', state)
  for (const label of labels.split(/[\s,]+/).filter((entry) => entry.includes(':')))
    params.append('labels', label)
  if (since) params.set('startDate', new Date(Date.now() - Number(since) * 3_600_000).toISOString())
  const executions = useAsync(() => api<Page<Execution>>(`executions/search?${params}`), [params.toString()])
  const total = executions.value?.total ?? 0
  const running = executions.value?.results.some((execution) => !isTerminal(execution.state.current)) ?? false
  const { reload } = executions
  useEffect(() => {
    if (!running) return
    const timer = setInterval(reload, REFRESH_MS)
    return () => clearInterval(timer)
  }, [running, reload])
  return (
    <div className="stack">
      {!fixed && (
        <div className="page-header">
          <h1>Executions</h1>
          <span className="grow" />
          <input
            placeholder="Namespace"
            value={namespace}
            onChange={(event) => setNamespace(event.target.value)}
            aria-label="Namespace"
          />
          <input
            placeholder="Flow id"
            value={flowId}
            onChange={(event) => setFlowId(event.target.value)}
            aria-label="Flow id"
          />
          <input
            placeholder="Labels key:value"
            value={labels}
            onChange={(event) => setLabels(event.target.value)}
            aria-label="Labels"
          />
          <select value={state} onChange={(event) => setState(event.target.value)} aria-label="State">
            <option value="">Any state</option>
            {STATES.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
          <select value={since} onChange={(event) => setSince(event.target.value)} aria-label="Since">
            <option value="">Any time</option>
            <option value="1">Last hour</option>
            <option value="24">Last day</option>
            <option value="168">Last week</option>
          </select>
          <button type="button" onClick={executions.reload}>
            Refresh
          </button>
        </div>
      )}
      <ErrorBanner error={executions.error} />
      {executions.value && total === 0 && (
        <EmptyState title="No executions here">
          {fixed ? (
            'Run this flow from the Run tab.'
          ) : (
            <>
              Open a <Link to="/flows">flow</Link> and press Run: its executions show up here.
            </>
          )}
        </EmptyState>
      )}
      {executions.value && total > 0 && (
        <div className="panel">
          <ExecutionTable executions={executions.value.results} />
          <div className="row" style={{ marginTop: 10 }}>
            <button type="button" disabled={page === 1} onClick={() => setPage(page - 1)}>
              Previous
            </button>
            <span className="muted small">
              Page {page} of {Math.max(1, Math.ceil(total / PAGE_SIZE))} · {total} executions
            </span>
            <button type="button" disabled={page * PAGE_SIZE >= total} onClick={() => setPage(page + 1)}>
              Next
            </button>
          </div>
        </div>
      )}
    </div>
  )
}
