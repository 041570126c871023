import type { Context } from 'hono'
import { Hono } from 'hono'
import { VerityError } from '../../errors.ts'
import { webhookTriggerProps } from '../../plugins/core/trigger-webhook.ts'
import { type ApiDeps, existingFlow } from './deps.ts'
import { startExecution } from './executions.ts'
import { executionJson } from './serialize.ts'

const WEBHOOK_TYPES = new Set([
  'io.kestra.plugin.core.trigger.Webhook',
  'io.kestra.core.models.triggers.types.Webhook',
])

async function requestVariables(context: Context): Promise<Record<string, unknown>> {
  const text = context.req.method === 'GET' ? '' : await context.req.text()
  let body: unknown = text === '' ? null : text
  try {
    if (text !== '') body = JSON.parse(text)
  } catch {
    // Not JSON: the flow gets the text as it came.
  }
  const headers: Record<string, string[]> = {}
  context.req.raw.headers.forEach((value, name) => {
    headers[name] = [value]
  })
  const parameters: Record<string, string[]> = {}
  const url = new URL(context.req.url)
  for (const key of new Set(url.searchParams.keys())) parameters[key] = url.searchParams.getAll(key)
  return { body, headers, parameters }
}

/**
 * Kestra's webhook: `GET|POST|PUT /executions/webhook/{namespace}/{flowId}/{key}` starts the flow when one of its
 * enabled `io.kestra.plugin.core.trigger.Webhook` triggers has that key (404 otherwise: a wrong key reveals
 * nothing). With the trigger's `wait`, answers once the execution ended (`returnOutputs`: the flow outputs).
 */
export function webhookRoutes(deps: ApiDeps): Hono {
  const app = new Hono()
  app.on(['GET', 'POST', 'PUT'], '/executions/webhook/:namespace/:flowId/:key', async (context) => {
    const { namespace, flowId, key } = context.req.param()
    const record = await existingFlow(deps, namespace, flowId)
    const flow = await deps.engine.flows.load(namespace, flowId, record.revision)
    const trigger = flow.triggers.find(
      (candidate) =>
        WEBHOOK_TYPES.has(candidate.type) && candidate.disabled !== true && candidate.key === key,
    )
    if (!trigger || flow.disabled) {
      throw new VerityError('WEBHOOK_NOT_FOUND', `No webhook of flow ${namespace}.${flowId} has this key`)
    }
    const settings = webhookTriggerProps.parse(trigger)
    let execution = await startExecution(
      deps,
      { namespace, flowId, revision: record.revision },
      {
        inputs: {},
        trigger: { id: trigger.id, type: trigger.type, variables: await requestVariables(context) },
      },
    )
    if (!settings.wait) return context.json(executionJson(execution))
    execution = await deps.engine.waitForTerminal(execution.id)
    if (settings.returnOutputs) return context.json(execution.outputs)
    return context.json(executionJson(execution, await deps.store.taskRuns.listByExecution(execution.id)))
  })
  return app
}
