import { useState } from 'react'
import { ErrorBanner } from '../components/ErrorBanner.tsx'
import { api } from '../lib/api.ts'
import { formatDate } from '../lib/format.ts'
import type { Flow } from '../lib/types.ts'
import { useAsync } from '../lib/use-async.ts'

/** A flow's revisions, newest first; picking one shows its YAML (each save made one). */
export function Revisions({ flow }: { flow: Flow }) {
  const revisions = useAsync(
    () => api<Flow[]>(`flows/${flow.namespace}/${flow.id}/revisions`),
    [flow.namespace, flow.id, flow.revision],
  )
  const [shown, setShown] = useState<number>()
  const list = [...(revisions.value ?? [])].sort((a, b) => b.revision - a.revision)
  const selected = list.find((revision) => revision.revision === (shown ?? flow.revision))
  return (
    <div className="stack">
      <ErrorBanner error={revisions.error} />
      <div className="row">
        {list.map((revision) => (
          <button
            key={revision.revision}
            type="button"
            className={revision.revision === selected?.revision ? 'primary' : ''}
            onClick={() => setShown(revision.revision)}
            title={formatDate(revision.updated)}
          >
            Revision {revision.revision}
          </button>
        ))}
      </div>
      {selected && (
        <div className="panel">
          <div className="muted small">
            Revision {selected.revision} · saved {formatDate(selected.updated)}
            {selected.revision === flow.revision ? ' · current' : ''}
          </div>
          <pre className="block" data-testid="revision-source">
            {selected.source}
          </pre>
        </div>
      )}
    </div>
  )
}
