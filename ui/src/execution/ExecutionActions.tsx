import { useState } from 'react'
import { api } from '../lib/api.ts'
import { isTerminal } from '../lib/format.ts'
import { navigate } from '../lib/router.ts'
import type { Execution } from '../lib/types.ts'

/**
 * Kill (while running), restart from the failed task and replay (when over), delete. `onChanged` gets the id of
 * the execution to show next (the same one after a restart, a new one after a replay).
 */
export function ExecutionActions({
  execution,
  onChanged,
  onError,
}: {
  execution: Execution
  onChanged(id: string): void
  onError(error: Error | undefined): void
}) {
  const [busy, setBusy] = useState(false)
  const over = isTerminal(execution.state.current)
  const act = async (work: () => Promise<string | undefined>) => {
    setBusy(true)
    onError(undefined)
    try {
      const next = await work()
      if (next) onChanged(next)
    } catch (error) {
      onError(error as Error)
    } finally {
      setBusy(false)
    }
  }
  const base = `executions/${execution.id}`
  return (
    <div className="row">
      {!over && (
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={() => act(async () => void (await api(`${base}/kill`, { method: 'DELETE' })))}
        >
          Kill
        </button>
      )}
      {over && execution.state.current !== 'SUCCESS' && (
        <button
          type="button"
          disabled={busy}
          onClick={() => act(async () => (await api<Execution>(`${base}/restart`, { method: 'POST' })).id)}
        >
          Restart
        </button>
      )}
      {over && (
        <button
          type="button"
          disabled={busy}
          onClick={() => act(async () => (await api<Execution>(`${base}/replay`, { method: 'POST' })).id)}
        >
          Replay
        </button>
      )}
      {over && (
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={() =>
            act(async () => {
              if (!window.confirm('Delete this execution, its logs and files?')) return undefined
              await api(base, { method: 'DELETE' })
              navigate('/executions')
              return undefined
            })
          }
        >
          Delete
        </button>
      )}
    </div>
  )
}
