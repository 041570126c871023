import type { TaskRunRecord } from '../store/types.ts'

/**
 * Kestra's restart, as a pure decision over a finished execution's task runs: every FAILED or KILLED run gets
 * another attempt (a flowable one resumes its recorded plan), and the `errors`/`finally` branches of the scopes
 * being resumed are superseded (kept for history, ignored by decisions) so they run again at the new end.
 */
export function planRestart(runs: readonly TaskRunRecord[]): {
  reset: TaskRunRecord[]
  supersede: TaskRunRecord[]
} {
  const live = runs.filter((run) => !run.engineState?.superseded)
  const failed = live.filter((run) => run.state.current === 'FAILED' || run.state.current === 'KILLED')
  const reopened = new Set<string>([''])
  for (const run of failed) if (run.engineState?.plan) reopened.add(run.id)
  const supersededIds = new Set<string>()
  for (const run of live) {
    if ((run.branch === 'errors' || run.branch === 'finally') && reopened.has(run.parentTaskRunId ?? '')) {
      supersededIds.add(run.id)
    }
  }
  // Descendants of a superseded run go with it.
  let grew = true
  while (grew) {
    grew = false
    for (const run of live) {
      if (!supersededIds.has(run.id) && run.parentTaskRunId && supersededIds.has(run.parentTaskRunId)) {
        supersededIds.add(run.id)
        grew = true
      }
    }
  }
  return {
    reset: failed.filter((run) => !supersededIds.has(run.id)),
    supersede: live.filter((run) => supersededIds.has(run.id)),
  }
}
