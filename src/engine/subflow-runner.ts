import { VerityError } from '../errors.ts'
import type { ExecutionRecord, Store } from '../store/types.ts'
import type { Engine } from './engine.ts'
import type { FlowLoader } from './flow-loader.ts'
import type { WorkerJob } from './messages.ts'
import type { RunFlowRequest } from './task-context.ts'

/** Deepest chain of subflow calls allowed, a guard besides the cycle check. */
export const MAX_SUBFLOW_DEPTH = 32

/**
 * Starts another flow on behalf of a task run (Subflow task, flow tools): refuses a call that would form a cycle
 * along the chain of parent executions, starts the child linked to its parent task run, and, when asked to wait,
 * resolves with its final state. Killing the parent (the task's signal) kills the child.
 */
export async function runSubflow(options: {
  engine: Engine
  store: Store
  flows: FlowLoader
  request: RunFlowRequest
  caller: WorkerJob
  signal?: AbortSignal
}): Promise<ExecutionRecord> {
  const { engine, store, request, caller, signal } = options
  const target = `${request.namespace}.${request.flowId}`
  const chain = [`${caller.execution.namespace}.${caller.execution.flowId}`]
  let parentId = caller.execution.parentExecutionId
  while (parentId && chain.length <= MAX_SUBFLOW_DEPTH) {
    const parent = await store.executions.get(parentId)
    if (!parent) break
    chain.unshift(`${parent.namespace}.${parent.flowId}`)
    parentId = parent.parentExecutionId
  }
  if (chain.includes(target)) {
    throw new VerityError('SUBFLOW_CYCLE', `Subflow cycle: ${[...chain, target].join(' → ')}`)
  }
  if (chain.length >= MAX_SUBFLOW_DEPTH) {
    throw new VerityError(
      'SUBFLOW_DEPTH',
      `Subflow calls nested deeper than ${MAX_SUBFLOW_DEPTH}: ${chain.join(' → ')}`,
    )
  }
  const flow = await options.flows.resolve(request.namespace, request.flowId)
  const child = await engine.submit(flow, {
    inputs: request.inputs,
    labels: request.labels,
    parent: { executionId: caller.execution.id, taskRunId: caller.taskRun.id },
  })
  if (request.wait === false) return child
  const onAbort = () => void engine.kill(child.id).catch(() => {})
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    return await engine.waitForTerminal(child.id)
  } finally {
    signal?.removeEventListener('abort', onAbort)
  }
}
