import type { TaskDefinition } from '../flow/types.ts'
import type { ExecutionState } from '../store/types.ts'
import { isFailure, isTerminal, worstState } from './states.ts'

/**
 * The executor's core decision, pure: given a scope (the flow's root lists, or one flowable task run's planned
 * groups with its own `errors`/`finally`) and the states of the runs already created in it, which tasks start now
 * and, once everything is over, the scope's final state.
 *
 * Kestra's rules: a list runs in order and stops at the first FAILED/KILLED run; groups start up to `concurrency`
 * at once (0 = all) and none start after a failure; `errors` runs when the main groups failed; `finally` runs
 * after everything else, whatever happened; disabled tasks are skipped over. After a kill nothing new starts.
 */

/** Group index used for a scope's `errors` list. */
export const ERRORS_GROUP = -1
/** Group index used for a scope's `finally` list. */
export const FINALLY_GROUP = -2

export interface ScopeGroup {
  branch: string
  /** `taskrun.value` of the group's runs (ForEach item, Switch value); inherited from the scope when absent. */
  value?: string
  tasks: TaskDefinition[]
}

export interface Scope {
  groups: ScopeGroup[]
  /** How many groups run at once; 0 = all. */
  concurrency: number
  errors: TaskDefinition[]
  finally: TaskDefinition[]
  /** The scope's own `taskrun.value`, inherited by runs of groups without one. */
  value?: string
  killed: boolean
}

/** Finds the state of the run of `taskId` in group `group` (undefined when not created yet). */
export type RunLookup = (group: number, taskId: string) => ExecutionState | undefined

export interface TaskToCreate {
  task: TaskDefinition
  branch: string
  value?: string
  /** Group index in the scope (`ERRORS_GROUP`, `FINALLY_GROUP` for those lists). */
  group: number
  /** Position of the task in its list. */
  index: number
}

export interface ScopeDecision {
  create: TaskToCreate[]
  /** Set once the scope is over: the worst state of what ran in it. */
  state?: ExecutionState
}

interface ListProgress {
  /** The next task to create, when the list is neither running nor over. */
  next?: { task: TaskDefinition; index: number }
  started: boolean
  running: boolean
  /** Set when the list is over. */
  state?: ExecutionState
}

/** Walks one list in order. */
export function listProgress(
  tasks: TaskDefinition[],
  lookup: (taskId: string) => ExecutionState | undefined,
) {
  const states: ExecutionState[] = []
  for (let index = 0; index < tasks.length; index++) {
    const task = tasks[index]
    if (task.disabled) continue
    const state = lookup(task.id)
    if (state === undefined) return { next: { task, index }, started: states.length > 0, running: false }
    if (!isTerminal(state)) return { started: true, running: true } satisfies ListProgress
    states.push(state)
    if (isFailure(state)) break
  }
  return { started: states.length > 0, running: false, state: worstState(states) } satisfies ListProgress
}

/** Decides what starts next in `scope` and whether it is over. */
export function decideScope(scope: Scope, lookup: RunLookup): ScopeDecision {
  const create: TaskToCreate[] = []
  const states: ExecutionState[] = []
  let inProgress = 0
  let failed = false
  const pending: Array<{ group: number; next: { task: TaskDefinition; index: number } }> = []

  scope.groups.forEach((group, groupIndex) => {
    const progress: ListProgress = listProgress(group.tasks, (taskId) => lookup(groupIndex, taskId))
    if (progress.state !== undefined) {
      states.push(progress.state)
      if (isFailure(progress.state)) failed = true
    } else if (progress.started) {
      inProgress++
      if (progress.next && !scope.killed) create.push(toCreate(scope, group, groupIndex, progress.next))
    } else if (progress.next) {
      pending.push({ group: groupIndex, next: progress.next })
    }
  })

  if (!failed && !scope.killed) {
    for (const { group, next } of pending) {
      if (scope.concurrency > 0 && inProgress >= scope.concurrency) break
      inProgress++
      create.push(toCreate(scope, scope.groups[group], group, next))
    }
  }
  const mainOver = inProgress === 0 && (pending.length === 0 || failed || scope.killed)
  if (!mainOver) return { create }

  const mainState = scope.killed && pending.length > 0 ? 'KILLED' : worstState(states)
  const finalStates: ExecutionState[] = [mainState]
  if (scope.killed) return { create: [], state: worstState(finalStates) }

  const branches: Array<[number, string, TaskDefinition[]]> = []
  if (isFailure(mainState) && scope.errors.length > 0) branches.push([ERRORS_GROUP, 'errors', scope.errors])
  if (scope.finally.length > 0) branches.push([FINALLY_GROUP, 'finally', scope.finally])
  for (const [groupIndex, branch, tasks] of branches) {
    const progress: ListProgress = listProgress(tasks, (taskId) => lookup(groupIndex, taskId))
    if (progress.state === undefined) {
      const group = { branch, tasks }
      return { create: progress.next ? [toCreate(scope, group, groupIndex, progress.next)] : [] }
    }
    finalStates.push(progress.state)
  }
  return { create: [], state: worstState(finalStates) }
}

function toCreate(
  scope: Scope,
  group: ScopeGroup,
  groupIndex: number,
  next: { task: TaskDefinition; index: number },
): TaskToCreate {
  const value = group.value ?? scope.value
  return { task: next.task, branch: group.branch, group: groupIndex, index: next.index, value }
}
