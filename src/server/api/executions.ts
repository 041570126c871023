import { Hono } from 'hono'
import { z } from 'zod'
import { newId } from '../../engine/index.ts'
import { VerityError } from '../../errors.ts'
import type { ExecutionRecord, ExecutionState } from '../../store/types.ts'
import { type ApiDeps, existingFlow } from './deps.ts'
import { parseLabels, parseQuery } from './http.ts'
import { readInputs } from './inputs.ts'
import { replayExecution } from './replay.ts'
import { executionJson } from './serialize.ts'

const STATES = [
  'CREATED',
  'QUEUED',
  'RUNNING',
  'PAUSED',
  'RETRYING',
  'SUCCESS',
  'WARNING',
  'FAILED',
  'KILLING',
  'KILLED',
  'CANCELLED',
  'SKIPPED',
] as const satisfies readonly ExecutionState[]

const list = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item)]).transform((value) => (Array.isArray(value) ? value : [value]))

export const createQuery = z.object({
  wait: z.enum(['true', 'false']).default('false'),
  revision: z.coerce.number().int().min(1).optional(),
  labels: z.union([z.string(), z.array(z.string())]).optional(),
})

export const executionSearchQuery = z.object({
  namespace: z.string().optional(),
  flowId: z.string().optional(),
  state: list(z.enum(STATES)).optional(),
  startDate: z.iso.datetime({ offset: true }).optional(),
  endDate: z.iso.datetime({ offset: true }).optional(),
  labels: z.union([z.string(), z.array(z.string())]).optional(),
  page: z.coerce.number().int().min(1).default(1),
  size: z.coerce.number().int().min(1).max(1000).default(25),
})

const replayQuery = z.object({ taskRunId: z.string().optional() })

/** The execution record or a 404. */
export async function existingExecution(deps: ApiDeps, id: string): Promise<ExecutionRecord> {
  const execution = await deps.store.executions.get(id)
  if (!execution) throw new VerityError('EXECUTION_NOT_FOUND', `Execution ${id} not found`)
  return execution
}

/** Starts an execution of a stored flow; shared by the executions and webhook routes. */
export async function startExecution(
  deps: ApiDeps,
  target: { namespace: string; flowId: string; revision?: number },
  options: {
    id?: string
    inputs: Record<string, unknown>
    labels?: Record<string, string>
    trigger?: ExecutionRecord['trigger']
  },
): Promise<ExecutionRecord> {
  const record = await existingFlow(deps, target.namespace, target.flowId, target.revision)
  // The engine's loader caches parsed revisions: a hot webhook does not re-parse its flow per call.
  const flow = await deps.engine.flows.load(record.namespace, record.id, record.revision)
  return deps.engine.submit(flow, options)
}

/**
 * Executions, Kestra's paths: `POST /executions/{namespace}/{flowId}` (JSON or multipart inputs, `?wait`,
 * `?labels=k:v`, `?revision`), `GET /executions/search`, `GET /executions/{id}`, `DELETE /executions/{id}/kill`,
 * `POST /executions/{id}/restart`, `POST /executions/{id}/replay` (`?taskRunId`), `DELETE /executions/{id}`.
 */
export function executionRoutes(deps: ApiDeps): Hono {
  const app = new Hono()
  const full = async (execution: ExecutionRecord) =>
    executionJson(execution, await deps.store.taskRuns.listByExecution(execution.id))

  app.get('/executions/search', async (context) => {
    const query = parseQuery(context, executionSearchQuery)
    const page = await deps.store.executions.list({
      namespace: query.namespace,
      flowId: query.flowId,
      states: query.state,
      startAfter: query.startDate,
      startBefore: query.endDate,
      labels: query.labels === undefined ? undefined : parseLabels(query.labels),
      page: query.page,
      size: query.size,
    })
    return context.json({
      results: page.results.map((execution) => executionJson(execution)),
      total: page.total,
    })
  })

  app.get('/executions/:executionId', async (context) =>
    context.json(await full(await existingExecution(deps, context.req.param('executionId')))),
  )

  app.delete('/executions/:executionId/kill', async (context) => {
    await deps.engine.kill((await existingExecution(deps, context.req.param('executionId'))).id)
    return context.body(null, 202)
  })

  app.post('/executions/:executionId/restart', async (context) => {
    const id = context.req.param('executionId')
    await existingExecution(deps, id)
    await deps.engine.restart(id)
    return context.json(await full(await existingExecution(deps, id)))
  })

  app.post('/executions/:executionId/replay', async (context) => {
    const source = await existingExecution(deps, context.req.param('executionId'))
    const { taskRunId } = parseQuery(context, replayQuery)
    return context.json(await full(await replayExecution(deps, source, taskRunId)))
  })

  app.delete('/executions/:executionId', async (context) => {
    const id = context.req.param('executionId')
    await existingExecution(deps, id)
    await deps.store.executions.delete(id)
    await deps.store.files.deleteByExecution(id)
    return context.body(null, 204)
  })
  // Last: `POST /executions/{id}/restart` and `/replay` would otherwise match `{namespace}/{flowId}`.
  app.post('/executions/:namespace/:flowId', async (context) => {
    const { namespace, flowId } = context.req.param()
    const query = parseQuery(context, createQuery)
    await existingFlow(deps, namespace, flowId, query.revision)
    const id = newId()
    const inputs = await readInputs(context, deps.store, { namespace, executionId: id })
    let execution = await startExecution(
      deps,
      { namespace, flowId, revision: query.revision },
      { id, inputs, labels: parseLabels(query.labels) },
    ).catch(async (error: unknown) => {
      await deps.store.files.deleteByExecution(id)
      throw error
    })
    if (query.wait === 'true') execution = await deps.engine.waitForTerminal(execution.id)
    return context.json(await full(execution))
  })
  return app
}
