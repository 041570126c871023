import { useState } from 'react'
import { EmptyState } from '../components/EmptyState.tsx'
import { ErrorBanner } from '../components/ErrorBanner.tsx'
import { Link } from '../components/Link.tsx'
import { api } from '../lib/api.ts'
import { formatDate } from '../lib/format.ts'
import { navigate } from '../lib/router.ts'
import type { Flow, Page } from '../lib/types.ts'
import { useAsync } from '../lib/use-async.ts'

/** Flows: search by text and namespace; each row opens the flow. */
export function FlowsPage() {
  const [q, setQ] = useState('')
  const [namespace, setNamespace] = useState('')
  const params = new URLSearchParams({ size: '200' })
  if (q) params.set('q', q)
  if (namespace) params.set('namespace', namespace)
  const flows = useAsync(() => api<Page<Flow>>(`flows/search?${params}`), [q, namespace])
  const results = flows.value?.results ?? []
  const searching = q !== '' || namespace !== ''
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Flows</h1>
        <span className="grow" />
        <input
          placeholder="Search flows…"
          value={q}
          onChange={(event) => setQ(event.target.value)}
          aria-label="Search flows"
        />
        <input
          placeholder="Namespace"
          value={namespace}
          onChange={(event) => setNamespace(event.target.value)}
          aria-label="Namespace"
        />
        <button type="button" className="primary" onClick={() => navigate('/flows/new')}>
          New flow
        </button>
      </div>
      <ErrorBanner error={flows.error} />
      {flows.value && results.length === 0 && !searching && (
        <EmptyState title="No flows yet">
          A flow is a YAML file: an <code>id</code>, a <code>namespace</code> and a list of <code>tasks</code>
          . <Link to="/flows/new">Write your first flow</Link> (the editor completes as you type), or add one
          from the command line with <code>verity flow push my-flow.yaml</code>.
        </EmptyState>
      )}
      {flows.value && results.length === 0 && searching && (
        <EmptyState title="No flow matches">Try another word or clear the namespace filter.</EmptyState>
      )}
      {results.length > 0 && (
        <div className="panel">
          <table>
            <thead>
              <tr>
                <th>Flow</th>
                <th>Namespace</th>
                <th>Description</th>
                <th>Revision</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {results.map((flow) => (
                <tr
                  key={`${flow.namespace}.${flow.id}`}
                  className="clickable"
                  onClick={() => navigate(`/flows/${flow.namespace}/${flow.id}`)}
                >
                  <td>
                    <Link to={`/flows/${flow.namespace}/${flow.id}`}>{flow.id}</Link>
                  </td>
                  <td className="muted">{flow.namespace}</td>
                  <td>{flow.description?.split('\n')[0] ?? ''}</td>
                  <td>{flow.revision}</td>
                  <td className="muted">{formatDate(flow.updated)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {flows.value && flows.value.total > results.length && (
            <p className="muted small">
              Showing {results.length} of {flows.value.total}: narrow the search.
            </p>
          )}
        </div>
      )}
    </div>
  )
}
