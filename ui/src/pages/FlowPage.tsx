import { useState } from 'react'
import { ErrorBanner } from '../components/ErrorBanner.tsx'
import { FlowEditor } from '../flow/FlowEditor.tsx'
import { Revisions } from '../flow/Revisions.tsx'
import { RunForm } from '../flow/RunForm.tsx'
import { api } from '../lib/api.ts'
import { navigate } from '../lib/router.ts'
import type { Flow } from '../lib/types.ts'
import { useAsync } from '../lib/use-async.ts'
import { ExecutionsPage } from './ExecutionsPage.tsx'

const TABS = ['editor', 'run', 'executions', 'revisions'] as const
type Tab = (typeof TABS)[number]

/** A flow: its editor (and topology), the run form, its executions and revisions, as tabs; `/flows/new` is an empty editor. */
export function FlowPage({ namespace, id, tab }: { namespace?: string; id?: string; tab: string }) {
  const flow = useAsync(
    () => (namespace && id ? api<Flow>(`flows/${namespace}/${id}`) : Promise.resolve(undefined)),
    [namespace, id],
  )
  const [deleteError, setDeleteError] = useState<Error>()
  const current: Tab = (TABS as readonly string[]).includes(tab) ? (tab as Tab) : 'editor'
  const base = namespace && id ? `/flows/${namespace}/${id}` : undefined
  if (!base) {
    return (
      <div className="stack">
        <div className="page-header">
          <h1>New flow</h1>
        </div>
        <FlowEditor
          onSaved={(saved) => navigate(`/flows/${saved.namespace}/${saved.id}`, { replace: true })}
        />
      </div>
    )
  }
  const value = flow.value
  return (
    <div className="stack">
      <div className="page-header">
        <h1>
          <span className="muted">{namespace}.</span>
          {id}
        </h1>
        {value && <span className="muted small">revision {value.revision}</span>}
        <span className="grow" />
        <button
          type="button"
          className="danger"
          onClick={async () => {
            if (!window.confirm(`Delete ${namespace}.${id}? Its executions stay.`)) return
            setDeleteError(undefined)
            try {
              await api(`flows/${namespace}/${id}`, { method: 'DELETE' })
              navigate('/flows')
            } catch (error) {
              setDeleteError(error as Error)
            }
          }}
        >
          Delete
        </button>
      </div>
      <div className="tabs">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            className={name === current ? 'active' : ''}
            onClick={() => navigate(`${base}?tab=${name}`, { replace: true })}
          >
            {name[0]?.toUpperCase()}
            {name.slice(1)}
          </button>
        ))}
      </div>
      <ErrorBanner error={flow.error ?? deleteError} />
      {value && current === 'editor' && <FlowEditor flow={value} onSaved={() => flow.reload()} />}
      {value && current === 'run' && <RunForm flow={value} />}
      {value && current === 'revisions' && <Revisions flow={value} />}
      {value && current === 'executions' && (
        <ExecutionsPage fixed={{ namespace: value.namespace, flowId: value.id }} />
      )}
    </div>
  )
}
