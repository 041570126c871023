import { Hono } from 'hono'
import { z } from 'zod'
import type { ApiDeps } from './deps.ts'
import { existingExecution } from './executions.ts'
import { followExecution } from './follow.ts'
import { parseQuery } from './http.ts'
import { logJson } from './serialize.ts'

export const logQuery = z.object({
  minLevel: z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']).optional(),
  taskRunId: z.string().optional(),
  taskId: z.string().optional(),
})

const traceQuery = z.object({ afterSeq: z.coerce.number().int().min(0).optional() })

/**
 * Logs and live streams: Kestra's `GET /logs/{executionId}` (`minLevel`, `taskRunId`, `taskId`) and its SSE
 * `GET /logs/{executionId}/follow`; Verity's additions `GET /executions/{id}/trace` (the agent's trace events:
 * LLM turns, tool calls, code executions) and `GET /executions/{id}/follow`, one SSE stream of logs, state
 * changes, task-run changes and trace events that resumes from `Last-Event-ID`.
 */
export function logRoutes(deps: ApiDeps): Hono {
  const app = new Hono()
  app.get('/logs/:executionId', async (context) => {
    const executionId = context.req.param('executionId')
    const query = parseQuery(context, logQuery)
    await existingExecution(deps, executionId)
    const logs = await deps.store.logs.query({ executionId, ...query })
    return context.json(logs.map(logJson))
  })
  app.get('/logs/:executionId/follow', (context) =>
    followExecution(context, deps, context.req.param('executionId'), {
      everything: false,
      ...parseQuery(context, logQuery),
    }),
  )
  app.get('/executions/:executionId/trace', async (context) => {
    const id = context.req.param('executionId')
    const { afterSeq } = parseQuery(context, traceQuery)
    await existingExecution(deps, id)
    return context.json(await deps.store.traces.listByExecution(id, afterSeq))
  })
  app.get('/executions/:executionId/follow', (context) =>
    followExecution(context, deps, context.req.param('executionId'), { everything: true }),
  )
  return app
}
