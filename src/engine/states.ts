import type { ExecutionState, StateRecord } from '../store/types.ts'
import { TERMINAL_STATES } from '../store/types.ts'

/**
 * Pure helpers over Kestra's states: transitions with history, terminal checks and the worst-state rule that
 * gives a flowable task (or the execution) its final state from its children.
 */

/** True once nothing more will happen to a run in this state. */
export function isTerminal(state: ExecutionState): boolean {
  return TERMINAL_STATES.has(state)
}

/** A failed outcome: the list it belongs to stops and its `errors` branch runs. */
export function isFailure(state: ExecutionState): boolean {
  return state === 'FAILED' || state === 'KILLED'
}

/** A fresh state record, started now. */
export function newState(state: ExecutionState, date: string): StateRecord {
  const record: StateRecord = { current: state, histories: [{ state, date }], startDate: date }
  if (isTerminal(state)) record.endDate = date
  return record
}

/** Moves a state record to `state`, appending to its history (in place; returns it for chaining). */
export function transition(record: StateRecord, state: ExecutionState, date: string): StateRecord {
  if (record.current === state) return record
  record.current = state
  record.histories.push({ state, date })
  if (isTerminal(state)) record.endDate = date
  else delete record.endDate
  return record
}

// Higher is worse. SKIPPED children do not make a parent worse than SUCCESS.
const SEVERITY: Partial<Record<ExecutionState, number>> = {
  SKIPPED: 0,
  SUCCESS: 1,
  WARNING: 2,
  CANCELLED: 3,
  FAILED: 4,
  KILLED: 5,
}

/**
 * Kestra's aggregation: the worst terminal state among `states` (KILLED > FAILED > WARNING > SUCCESS > SKIPPED).
 * An empty list, or only SKIPPED children, is a SUCCESS for the parent.
 */
export function worstState(states: Iterable<ExecutionState>): ExecutionState {
  let worst: ExecutionState = 'SUCCESS'
  for (const state of states) {
    if ((SEVERITY[state] ?? 0) > (SEVERITY[worst] ?? 0)) worst = state
  }
  return worst
}

/**
 * The state a task run ends in once its plugin finished, after `allowFailure` / `allowWarning`:
 * FAILED becomes WARNING when failure is allowed, WARNING becomes SUCCESS when warnings are allowed.
 */
export function applyAllowances(
  state: ExecutionState,
  task: { allowFailure?: boolean; allowWarning?: boolean },
): ExecutionState {
  if (state === 'FAILED' && task.allowFailure) return task.allowWarning ? 'SUCCESS' : 'WARNING'
  if (state === 'WARNING' && task.allowWarning) return 'SUCCESS'
  return state
}
