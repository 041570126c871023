/**
 * `verity run FLOW.yaml`: runs a flow to its end in an embedded engine, streaming its logs (and a progress line
 * on a terminal) to stderr, then prints the flow outputs. Exit 0 on SUCCESS or WARNING, 1 otherwise, 2 for an
 * invalid flow, invalid inputs or invalid usage.
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { Command } from 'commander'
import type { EngineEvent } from '../../engine/index.ts'
import { registerFlowFile } from '../../engine/index.ts'
import { VerityError } from '../../errors.ts'
import { parseFlow } from '../../flow/index.ts'
import type { ExecutionRecord, Store, TaskRunRecord } from '../../store/types.ts'
import { ProgressLine } from '../run-progress.ts'
import { openRuntime } from '../runtime.ts'

interface RunOptions {
  input: string[]
  inputsFile?: string
  json?: boolean
}

/** The `--json` shape: the final execution with its task runs. */
export interface RunJson {
  id: string
  namespace: string
  flowId: string
  state: string
  startDate: string
  endDate?: string
  labels: Record<string, string>
  inputs: Record<string, unknown>
  outputs: Record<string, unknown>
  taskRuns: Array<{
    id: string
    taskId: string
    value?: string
    parentTaskRunId?: string
    state: string
    attempts: Array<{ state: string; startDate: string; endDate?: string }>
    outputs: Record<string, unknown>
    startDate: string
    endDate?: string
  }>
}

export function runCommand(): Command {
  return new Command('run')
    .description('Run a flow to its end, streaming its logs to stderr; prints the flow outputs.')
    .argument('<flow>', 'flow YAML file')
    .option(
      '-i, --input <key=value>',
      'an input value (repeatable); converted to the input type',
      collect,
      [],
    )
    .option('--inputs-file <file>', 'a JSON object of inputs (--input values override it)')
    .option('--json', 'print exactly one JSON object (the final execution with its task runs) on stdout')
    .addHelpText(
      'after',
      `
Exit codes: 0 SUCCESS or WARNING, 1 FAILED or KILLED, 2 invalid flow, inputs or usage.

Examples:
  $ verity run examples/hello.yaml
  $ verity run flow.yaml --input name=Ada --input count=3
  $ verity run flow.yaml --inputs-file inputs.json --json | jq .outputs`,
    )
    .action(async (file: string, options: RunOptions, command: Command) => {
      const path = resolve(file)
      const source = readSource(path, file)
      const inputs = parseInputs(options)
      const runtime = await openRuntime({
        configPath: command.optsWithGlobals().config,
        engine: true,
        flowsDirs: [dirname(path)],
      })
      let exitCode = 2
      try {
        const flow = parseFlow(source, {
          file,
          registry: runtime.registry,
          pluginDefaults: runtime.config.pluginDefaults,
        })
        registerFlowFile(flow, file)
        exitCode = await execute(runtime.engine!, runtime.store, flow, inputs, options)
      } finally {
        await runtime.close()
      }
      process.exitCode = exitCode
    })
}

async function execute(
  engine: NonNullable<Awaited<ReturnType<typeof openRuntime>>['engine']>,
  store: Store,
  flow: ReturnType<typeof parseFlow>,
  inputs: Record<string, unknown>,
  options: RunOptions,
): Promise<number> {
  const progress = new ProgressLine(process.stderr)
  const ours = new Set<string>()
  const subscription = await engine.events.subscribe((event: EngineEvent) => {
    if (event.type === 'execution') {
      const { execution } = event
      if (execution.parentExecutionId && ours.has(execution.parentExecutionId)) ours.add(execution.id)
      if (ours.has(execution.id)) progress.execution(execution)
    } else if (event.type === 'task-run' && ours.has(event.taskRun.executionId)) {
      progress.taskRun(event.taskRun)
    } else if (event.type === 'log' && ours.has(event.log.executionId)) {
      progress.log(event.log)
    }
  })
  const created = await engine.submit(flow, { inputs })
  ours.add(created.id)
  progress.execution(created)
  const interrupt = () => {
    progress.note('interrupted: killing the execution (Ctrl-C again to quit now)')
    process.off('SIGINT', interrupt)
    process.once('SIGINT', () => process.exit(130))
    void engine.kill(created.id).catch(() => {})
  }
  process.on('SIGINT', interrupt)
  let final: ExecutionRecord
  try {
    final = await engine.waitForTerminal(created.id)
  } finally {
    process.off('SIGINT', interrupt)
    await subscription.stop()
  }
  const taskRuns = await store.taskRuns.listByExecution(final.id)
  progress.done(final, taskRuns)
  if (options.json) process.stdout.write(`${JSON.stringify(toJson(final, taskRuns))}\n`)
  else if (Object.keys(final.outputs).length > 0)
    process.stdout.write(`${JSON.stringify(final.outputs, null, 2)}\n`)
  return final.state.current === 'SUCCESS' || final.state.current === 'WARNING' ? 0 : 1
}

/** The `--json` object. */
export function toJson(execution: ExecutionRecord, taskRuns: TaskRunRecord[]): RunJson {
  return {
    id: execution.id,
    namespace: execution.namespace,
    flowId: execution.flowId,
    state: execution.state.current,
    startDate: execution.state.startDate,
    endDate: execution.state.endDate,
    labels: execution.labels,
    inputs: execution.inputs,
    outputs: execution.outputs,
    taskRuns: taskRuns
      .filter((run) => !run.engineState?.superseded)
      .map((run) => ({
        id: run.id,
        taskId: run.taskId,
        ...(run.value === undefined ? {} : { value: run.value }),
        ...(run.parentTaskRunId === undefined ? {} : { parentTaskRunId: run.parentTaskRunId }),
        state: run.state.current,
        attempts: run.attempts.map((attempt) => ({
          state: attempt.state.current,
          startDate: attempt.state.startDate,
          endDate: attempt.state.endDate,
        })),
        outputs: run.outputs,
        startDate: run.state.startDate,
        endDate: run.state.endDate,
      })),
  }
}

function readSource(path: string, file: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    throw new VerityError(
      'FLOW_READ',
      `${file}: cannot read the flow: ${(error as NodeJS.ErrnoException).code ?? error}`,
    )
  }
}

function parseInputs(options: RunOptions): Record<string, unknown> {
  let inputs: Record<string, unknown> = {}
  if (options.inputsFile) {
    let parsed: unknown
    try {
      parsed = JSON.parse(readFileSync(options.inputsFile, 'utf8'))
    } catch (error) {
      throw new VerityError('INPUT', `--inputs-file ${options.inputsFile}: ${(error as Error).message}`)
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new VerityError('INPUT', `--inputs-file ${options.inputsFile}: expected a JSON object of inputs`)
    }
    inputs = parsed as Record<string, unknown>
  }
  for (const pair of options.input) {
    const separator = pair.indexOf('=')
    if (separator <= 0) throw new VerityError('INPUT', `--input ${pair}: expected key=value`)
    inputs[pair.slice(0, separator)] = pair.slice(separator + 1)
  }
  return inputs
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}
