import type { Flow } from '../../flow/types.ts'
import type { ExecutionRecord, FlowRecord, LogRecord, StateRecord, TaskRunRecord } from '../../store/types.ts'

/** Kestra's labels are a list of `{ key, value }`. */
export function labelList(labels: Record<string, string>): Array<{ key: string; value: string }> {
  return Object.entries(labels).map(([key, value]) => ({ key, value }))
}

/** ISO-8601 duration (`PT1.234S`), as Kestra's `state.duration`. */
function isoDuration(state: StateRecord): string | undefined {
  const end = state.endDate ? Date.parse(state.endDate) : Date.now()
  const ms = end - Date.parse(state.startDate)
  return Number.isFinite(ms) ? `PT${(Math.max(0, ms) / 1000).toFixed(3)}S` : undefined
}

function stateJson(state: StateRecord) {
  return { ...state, duration: isoDuration(state) }
}

/**
 * A flow as Kestra returns it: the parsed definition (tasks, inputs, triggers…) plus `revision`, `source`,
 * `deleted`, `updated` and labels as a list. `parsed` is absent when the stored source no longer parses (a
 * plugin was removed): the record's own fields are returned then.
 */
export function flowJson(record: FlowRecord, parsed: Flow | undefined, options: { source?: boolean } = {}) {
  const definition = parsed
    ? {
        inputs: parsed.inputs,
        variables: parsed.variables,
        tasks: parsed.tasks,
        errors: parsed.errors,
        finally: parsed.finally,
        outputs: parsed.outputs,
        triggers: parsed.triggers,
        pluginDefaults: parsed.pluginDefaults,
        concurrency: parsed.concurrency,
      }
    : {}
  return {
    id: record.id,
    namespace: record.namespace,
    revision: record.revision,
    description: record.description,
    labels: labelList(record.labels),
    disabled: record.disabled,
    deleted: record.deleted,
    updated: record.updated,
    ...definition,
    ...(options.source === false ? {} : { source: record.source }),
  }
}

/** A task run as Kestra returns it inside `taskRunList`. */
export function taskRunJson(run: TaskRunRecord) {
  return {
    id: run.id,
    executionId: run.executionId,
    namespace: run.namespace,
    flowId: run.flowId,
    taskId: run.taskId,
    parentTaskRunId: run.parentTaskRunId,
    value: run.value,
    branch: run.branch,
    index: run.index,
    attempts: run.attempts.map((attempt) => ({ ...attempt, state: stateJson(attempt.state) })),
    outputs: run.outputs,
    state: stateJson(run.state),
    superseded: run.engineState?.superseded === true ? true : undefined,
  }
}

/** An execution as Kestra returns it: state `{ current, histories, startDate, endDate, duration }`, `taskRunList`. */
export function executionJson(execution: ExecutionRecord, taskRuns: readonly TaskRunRecord[] = []) {
  return {
    id: execution.id,
    namespace: execution.namespace,
    flowId: execution.flowId,
    flowRevision: execution.flowRevision,
    state: stateJson(execution.state),
    inputs: execution.inputs,
    outputs: execution.outputs,
    labels: labelList(execution.labels),
    variables: execution.variables,
    originalId: execution.originalId,
    parentId: execution.parentExecutionId,
    parentTaskRunId: execution.parentTaskRunId,
    trigger: execution.trigger,
    taskRunList: taskRuns.map(taskRunJson),
  }
}

/** A log line as Kestra's `LogEntry`. */
export function logJson(log: LogRecord) {
  return {
    seq: log.seq,
    executionId: log.executionId,
    namespace: log.namespace,
    flowId: log.flowId,
    taskId: log.taskId,
    taskRunId: log.taskRunId,
    attemptNumber: log.attemptNumber,
    level: log.level,
    message: log.message,
    timestamp: log.timestamp,
  }
}
