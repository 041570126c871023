/**
 * `verity executions list|show|logs`: what ran, over the data directory. `show` prints the task runs as a tree
 * with states, attempts and durations, then each task run's trace events (formatted by kind; see
 * `registerTraceFormatter` for richer views of a kind, e.g. an AI agent's turns).
 */
import { Command, InvalidArgumentError } from 'commander'
import { VerityError } from '../../errors.ts'
import type {
  ExecutionRecord,
  ExecutionState,
  LogLevel,
  StateRecord,
  TaskRunRecord,
  TraceEventRecord,
} from '../../store/types.ts'
import { agentTurnFormatters } from '../agent-turns.ts'
import { openRuntime } from '../runtime.ts'

/** Turns one trace event into the lines `executions show` prints under its task run. */
export type TraceFormatter = (event: TraceEventRecord) => string[]

const traceFormatters = new Map<string, TraceFormatter>()

/** Lets an area print a kind of trace event its own way (default: the kind and its data as compact JSON). */
export function registerTraceFormatter(kind: string, formatter: TraceFormatter): void {
  traceFormatters.set(kind, formatter)
}

for (const [kind, formatter] of Object.entries(agentTurnFormatters)) registerTraceFormatter(kind, formatter)

function formatTrace(event: TraceEventRecord): string[] {
  const custom = traceFormatters.get(event.kind)
  if (custom) return custom(event)
  const data = JSON.stringify(event.data)
  return [
    `${event.timestamp.slice(11, 23)} ${event.kind} ${data.length > 300 ? `${data.slice(0, 297)}…` : data}`,
  ]
}

function duration(state: StateRecord): string {
  const end = state.endDate ? Date.parse(state.endDate) : Date.now()
  const milliseconds = end - Date.parse(state.startDate)
  return milliseconds < 1000 ? `${milliseconds}ms` : `${(milliseconds / 1000).toFixed(2)}s`
}

async function withRuntime<T>(
  command: Command,
  work: (runtime: Awaited<ReturnType<typeof openRuntime>>) => Promise<T>,
) {
  const runtime = await openRuntime({ configPath: command.optsWithGlobals().config })
  try {
    return await work(runtime)
  } finally {
    await runtime.close()
  }
}

async function existing(
  store: Awaited<ReturnType<typeof openRuntime>>['store'],
  id: string,
): Promise<ExecutionRecord> {
  const execution = await store.executions.get(id)
  if (!execution) throw new VerityError('EXECUTION_NOT_FOUND', `Execution ${id} not found`)
  return execution
}

/** Task runs as an indented tree in flow order (children under their flowable parent). */
export function taskRunTree(taskRuns: TaskRunRecord[]): Array<{ run: TaskRunRecord; depth: number }> {
  const children = new Map<string, TaskRunRecord[]>()
  for (const run of taskRuns) {
    const key = run.parentTaskRunId ?? ''
    children.set(key, [...(children.get(key) ?? []), run])
  }
  const ordered: Array<{ run: TaskRunRecord; depth: number }> = []
  const visit = (parent: string, depth: number) => {
    for (const run of children.get(parent) ?? []) {
      ordered.push({ run, depth })
      visit(run.id, depth + 1)
    }
  }
  visit('', 0)
  return ordered
}

const LEVELS: LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']

function level(value: string): LogLevel {
  const upper = value.toUpperCase() as LogLevel
  if (!LEVELS.includes(upper)) throw new InvalidArgumentError(`expected one of ${LEVELS.join(', ')}`)
  return upper
}

function positiveInteger(value: string): number {
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a positive integer')
  return parsed
}

export function executionsCommand(): Command {
  const executions = new Command('executions').description('List and inspect executions.').addHelpText(
    'after',
    `
Examples:
  $ verity executions list
  $ verity executions list --namespace company.team --state FAILED
  $ verity executions show 4Hq2V8pW0tZ9xYc1LmN3aB
  $ verity executions logs 4Hq2V8pW0tZ9xYc1LmN3aB --level WARN`,
  )
  executions
    .command('list')
    .description('The latest executions, newest first.')
    .option('--namespace <namespace>', 'only this namespace')
    .option('--flow <flowId>', 'only this flow')
    .option('--state <state>', 'only this state (SUCCESS, FAILED, RUNNING…)')
    .option('--limit <n>', 'how many', positiveInteger, 20)
    .option('--json', 'print a JSON array')
    .action(
      async (
        options: { namespace?: string; flow?: string; state?: string; limit: number; json?: boolean },
        command: Command,
      ) => {
        const page = await withRuntime(command, ({ store }) =>
          store.executions.list({
            namespace: options.namespace,
            flowId: options.flow,
            states: options.state ? [options.state.toUpperCase() as ExecutionState] : undefined,
            size: options.limit,
          }),
        )
        if (options.json) return void process.stdout.write(`${JSON.stringify(page.results)}\n`)
        for (const execution of page.results) {
          const { state } = execution
          process.stdout.write(
            `${execution.id}  ${state.current.padEnd(8)}  ${execution.namespace}.${execution.flowId}  ${state.startDate}  ${duration(state)}\n`,
          )
        }
        if (page.total > page.results.length)
          process.stdout.write(`(${page.results.length} of ${page.total})\n`)
      },
    )
  executions
    .command('show')
    .description('An execution: state, inputs, outputs, task runs with states and durations, trace events.')
    .argument('<id>')
    .option('--json', 'print the execution, its task runs and trace events as one JSON object')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const { execution, taskRuns, traces } = await withRuntime(command, async ({ store }) => ({
        execution: await existing(store, id),
        taskRuns: await store.taskRuns.listByExecution(id),
        traces: await store.traces.listByExecution(id),
      }))
      if (options.json)
        return void process.stdout.write(`${JSON.stringify({ ...execution, taskRuns, traces })}\n`)
      const out = (line: string) => process.stdout.write(`${line}\n`)
      out(
        `Execution ${execution.id}  ${execution.namespace}.${execution.flowId} (revision ${execution.flowRevision})`,
      )
      out(
        `State     ${execution.state.current}  started ${execution.state.startDate}  took ${duration(execution.state)}`,
      )
      if (execution.parentExecutionId) out(`Parent    ${execution.parentExecutionId}`)
      if (Object.keys(execution.labels).length > 0) out(`Labels    ${JSON.stringify(execution.labels)}`)
      out(`Inputs    ${JSON.stringify(execution.inputs)}`)
      out(`Outputs   ${JSON.stringify(execution.outputs)}`)
      out('Task runs')
      const byTaskRun = new Map<string, TraceEventRecord[]>()
      for (const trace of traces)
        byTaskRun.set(trace.taskRunId, [...(byTaskRun.get(trace.taskRunId) ?? []), trace])
      for (const { run, depth } of taskRunTree(taskRuns)) {
        const indent = '  '.repeat(depth + 1)
        const value = run.value === undefined ? '' : ` [${run.value}]`
        const attempts = run.attempts.length > 1 ? `  ${run.attempts.length} attempts` : ''
        const superseded = run.engineState?.superseded ? '  (before restart)' : ''
        out(
          `${indent}${run.taskId}${value}  ${run.state.current}  ${duration(run.state)}${attempts}${superseded}`,
        )
        for (const trace of byTaskRun.get(run.id) ?? [])
          for (const line of formatTrace(trace)) out(`${indent}  · ${line}`)
      }
    })
  executions
    .command('logs')
    .description('The logs of an execution: time task level message.')
    .argument('<id>')
    .option('--level <level>', 'minimum level (TRACE, DEBUG, INFO, WARN, ERROR)', level)
    .option('--task <taskId>', 'only this task')
    .option('--json', 'print a JSON array')
    .action(
      async (id: string, options: { level?: LogLevel; task?: string; json?: boolean }, command: Command) => {
        const logs = await withRuntime(command, async ({ store }) => {
          await existing(store, id)
          return store.logs.query({ executionId: id, minLevel: options.level, taskId: options.task })
        })
        if (options.json) return void process.stdout.write(`${JSON.stringify(logs)}\n`)
        for (const log of logs) {
          process.stdout.write(`${log.timestamp} ${log.taskId ?? '-'} ${log.level} ${log.message}\n`)
        }
      },
    )
  return executions
}
