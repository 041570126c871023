import type { StateName } from '../lib/types.ts'

/** The colour variable of a state: green done, red failed, blue running, amber warning, grey otherwise. */
export function stateColor(state: StateName | string): string {
  if (state === 'SUCCESS') return 'var(--ok)'
  if (state === 'FAILED' || state === 'KILLED') return 'var(--bad)'
  if (state === 'WARNING' || state === 'RETRYING' || state === 'KILLING') return 'var(--warn)'
  if (state === 'RUNNING' || state === 'CREATED' || state === 'QUEUED') return 'var(--run)'
  return 'var(--idle)'
}

/** A state as a coloured pill. */
export function StateBadge({ state }: { state: StateName | string }) {
  return (
    <span className="badge" style={{ color: stateColor(state) }} data-state={state}>
      {state}
    </span>
  )
}
