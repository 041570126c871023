import type { Flow, TaskDefinition } from '../flow/types.ts'
import type { ExecutionRecord, ExecutionState, TaskRunRecord } from '../store/types.ts'
import type { ExecutionSnapshot, RecordedPlan } from './messages.ts'
import { recordOutputs } from './outputs.ts'
import { ERRORS_GROUP, FINALLY_GROUP, type Scope } from './scope.ts'
import { newState } from './states.ts'

/**
 * The executor's in-memory view of one execution while it runs: the record, its task runs indexed by scope, and
 * the `outputs` map of the expression context kept up to date incrementally (rebuilding it per task would make
 * a 1,000-task flow quadratic). Everything here is derived from the store and can be rebuilt after a restart.
 */
export class ExecutionRun {
  readonly execution: ExecutionRecord
  readonly flow: Flow
  readonly tasks: ReadonlyMap<string, TaskDefinition>
  readonly runs = new Map<string, TaskRunRecord>()
  readonly outputs: Record<string, unknown> = Object.create(null)
  /** scope key (parent task run id, '' for the root) → group → taskId → task run. */
  readonly #byScope = new Map<string, Map<number, Map<string, TaskRunRecord>>>()
  killed = false
  readonly timers = new Set<NodeJS.Timeout>()

  constructor(execution: ExecutionRecord, flow: Flow, tasks: ReadonlyMap<string, TaskDefinition>) {
    this.execution = execution
    this.flow = flow
    this.tasks = tasks
  }

  /** Adds (or re-indexes) a task run; superseded runs (before a restart) stay in `runs` only. */
  add(run: TaskRunRecord): void {
    this.runs.set(run.id, run)
    if (run.engineState?.superseded) return
    const key = run.parentTaskRunId ?? ''
    let scope = this.#byScope.get(key)
    if (!scope) {
      scope = new Map()
      this.#byScope.set(key, scope)
    }
    const group = groupOf(run)
    let runs = scope.get(group)
    if (!runs) {
      runs = new Map()
      scope.set(group, runs)
    }
    runs.set(run.taskId, run)
    if (Object.keys(run.outputs).length > 0) this.recordOutputs(run)
  }

  /** Removes a run from its scope index (restart supersedes it). */
  unindex(run: TaskRunRecord): void {
    this.#byScope
      .get(run.parentTaskRunId ?? '')
      ?.get(groupOf(run))
      ?.delete(run.taskId)
  }

  recordOutputs(run: TaskRunRecord): void {
    recordOutputs(this.outputs, run.taskId, valuePathOf(run), run.outputs)
  }

  stateOf(parentTaskRunId: string | undefined, group: number, taskId: string): ExecutionState | undefined {
    return this.#byScope
      .get(parentTaskRunId ?? '')
      ?.get(group)
      ?.get(taskId)?.state.current
  }

  /** The root scope: the flow's `tasks`, then `errors`, then `finally`. */
  rootScope(): Scope {
    return {
      groups: [{ branch: 'tasks', tasks: this.flow.tasks }],
      concurrency: 1,
      errors: this.flow.errors,
      finally: this.flow.finally,
      killed: this.killed,
    }
  }

  /** The scope of a flowable task run, from the plan recorded in its `engineState`. */
  flowableScope(run: TaskRunRecord): Scope {
    const plan = run.engineState?.plan as RecordedPlan
    const task = this.task(run.taskId)
    return {
      groups: plan.groups.map((group) => ({
        branch: group.branch,
        value: group.value,
        tasks: group.tasks.map((id) => this.task(id)),
      })),
      concurrency: plan.concurrency,
      errors: taskList(task.errors),
      finally: taskList(task.finally),
      value: run.value,
      killed: this.killed,
    }
  }

  task(taskId: string): TaskDefinition {
    const task = this.tasks.get(taskId)
    if (!task) throw new Error(`task '${taskId}' is not in flow ${this.flow.namespace}.${this.flow.id}`)
    return task
  }

  /** Ancestors of a task run, nearest first. */
  parentsOf(run: { parentTaskRunId?: string }): TaskRunRecord[] {
    const parents: TaskRunRecord[] = []
    let current = run.parentTaskRunId ? this.runs.get(run.parentTaskRunId) : undefined
    while (current) {
      parents.push(current)
      current = current.parentTaskRunId ? this.runs.get(current.parentTaskRunId) : undefined
    }
    return parents
  }

  snapshot(): ExecutionSnapshot {
    return executionSnapshot(this.execution)
  }
}

/** What engine messages carry of an execution: identity, state, inputs and labels, not its task runs. */
export function executionSnapshot(execution: ExecutionRecord): ExecutionSnapshot {
  return {
    id: execution.id,
    namespace: execution.namespace,
    flowId: execution.flowId,
    flowRevision: execution.flowRevision,
    startDate: execution.state.startDate,
    state: execution.state.current,
    originalId: execution.originalId,
    parentExecutionId: execution.parentExecutionId,
    inputs: execution.inputs,
    labels: execution.labels,
    trigger: execution.trigger,
  }
}

/** Group index of a run inside its scope: `errors`/`finally` lists, else the planned group (0 when absent). */
export function groupOf(run: TaskRunRecord): number {
  if (run.branch === 'errors') return ERRORS_GROUP
  if (run.branch === 'finally') return FINALLY_GROUP
  return (run.engineState?.group as number | undefined) ?? 0
}

/** Values of the ForEach iterations around a run, outermost first (`outputs.task[outer][inner]`). */
export function valuePathOf(run: TaskRunRecord): string[] {
  const path = run.engineState?.valuePath as string[] | undefined
  if (path) return path
  return run.value === undefined ? [] : [run.value]
}

function taskList(value: unknown): TaskDefinition[] {
  return Array.isArray(value) ? (value as TaskDefinition[]) : []
}

/** A new task run in CREATED state. */
export function newTaskRun(fields: {
  id: string
  execution: ExecutionRecord
  task: TaskDefinition
  parent?: TaskRunRecord
  branch: string
  value?: string
  group: number
  index: number
  date: string
}): TaskRunRecord {
  const { execution, parent } = fields
  const engineState: Record<string, unknown> = {}
  if (fields.group > 0) engineState.group = fields.group
  const parentPath = parent ? valuePathOf(parent) : []
  const valuePath =
    fields.value !== undefined && fields.value !== parent?.value ? [...parentPath, fields.value] : parentPath
  if (valuePath.length > 1) engineState.valuePath = valuePath
  const run: TaskRunRecord = {
    id: fields.id,
    executionId: execution.id,
    namespace: execution.namespace,
    flowId: execution.flowId,
    taskId: fields.task.id,
    parentTaskRunId: parent?.id,
    value: fields.value,
    branch: fields.branch,
    index: fields.index,
    state: newState('CREATED', fields.date),
    attempts: [],
    outputs: {},
  }
  if (Object.keys(engineState).length > 0) run.engineState = engineState
  return run
}
