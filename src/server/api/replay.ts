import { newId } from '../../engine/index.ts'
import { VerityError } from '../../errors.ts'
import type { ExecutionRecord, StateRecord, TaskRunRecord } from '../../store/types.ts'
import type { ApiDeps } from './deps.ts'

function failedState(state: StateRecord, date: string): StateRecord {
  return {
    ...state,
    current: 'FAILED',
    histories: [...state.histories, { state: 'FAILED', date }],
    endDate: date,
  }
}

/**
 * Kestra's replay: a new execution of the same flow revision, inputs, labels and trigger, `originalId` pointing
 * back. From a task run, the task runs created before it are copied (with their outputs) and the execution
 * resumes at that task run through the engine's restart: the run itself and its ancestors are marked FAILED so
 * restart gives them a new attempt (ancestors resume their recorded plan), and nothing created after it is kept.
 */
export async function replayExecution(
  deps: ApiDeps,
  source: ExecutionRecord,
  fromTaskRunId?: string,
): Promise<ExecutionRecord> {
  if (!fromTaskRunId) {
    const flow = await deps.engine.flows.load(source.namespace, source.flowId, source.flowRevision)
    const replay = await deps.engine.submit(flow, {
      inputs: source.inputs,
      labels: source.labels,
      trigger: source.trigger,
    })
    const saved = { ...replay, originalId: source.id }
    await deps.store.executions.save(saved)
    return saved
  }
  const runs = await deps.store.taskRuns.listByExecution(source.id)
  const position = runs.findIndex((run) => run.id === fromTaskRunId)
  if (position < 0) {
    throw new VerityError(
      'TASK_RUN_NOT_FOUND',
      `Task run ${fromTaskRunId} is not part of execution ${source.id}`,
    )
  }
  const date = new Date().toISOString()
  const ids = new Map(runs.slice(0, position + 1).map((run) => [run.id, newId()]))
  const ancestors = ancestorIds(runs, fromTaskRunId)
  const executionId = newId()
  const copies: TaskRunRecord[] = runs.slice(0, position + 1).map((run) => ({
    ...structuredClone(run),
    id: ids.get(run.id) as string,
    executionId,
    parentTaskRunId: run.parentTaskRunId ? ids.get(run.parentTaskRunId) : undefined,
    state: run.id === fromTaskRunId || ancestors.has(run.id) ? failedState(run.state, date) : run.state,
    outputs: run.id === fromTaskRunId ? {} : run.outputs,
  }))
  const execution: ExecutionRecord = {
    ...structuredClone(source),
    id: executionId,
    originalId: source.id,
    state: failedState(
      { current: 'CREATED', histories: [{ state: 'CREATED', date }], startDate: date },
      date,
    ),
    outputs: {},
  }
  await deps.store.transaction(async () => {
    await deps.store.executions.save(execution)
    await deps.store.taskRuns.saveMany(copies)
  })
  await deps.engine.restart(executionId)
  return (await deps.store.executions.get(executionId)) ?? execution
}

function ancestorIds(runs: readonly TaskRunRecord[], id: string): Set<string> {
  const byId = new Map(runs.map((run) => [run.id, run]))
  const found = new Set<string>()
  let parent = byId.get(id)?.parentTaskRunId
  while (parent && !found.has(parent)) {
    found.add(parent)
    parent = byId.get(parent)?.parentTaskRunId
  }
  return found
}
