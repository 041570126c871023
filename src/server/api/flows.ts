import { Hono } from 'hono'
import { z } from 'zod'
import { VerityError } from '../../errors.ts'
import { flowJsonSchema, validateFlowSource } from '../../flow/index.ts'
import type { Flow } from '../../flow/types.ts'
import { type ApiDeps, existingFlow, parseSource, tryParse } from './deps.ts'
import { RequestValidationError } from './errors.ts'
import { parseQuery } from './http.ts'
import { flowJson } from './serialize.ts'

export const searchQuery = z.object({
  namespace: z.string().optional(),
  q: z.string().optional(),
  page: z.coerce.number().int().min(1).default(1),
  size: z.coerce.number().int().min(1).max(1000).default(25),
})

const sourceQuery = z.object({
  source: z.enum(['true', 'false']).default('true'),
  revision: z.coerce.number().int().min(1).optional(),
})

async function yamlBody(context: { req: { text(): Promise<string> } }): Promise<string> {
  const source = await context.req.text()
  if (source.trim() === '') {
    throw new RequestValidationError([{ path: 'body', message: 'the request body must be the flow YAML' }])
  }
  return source
}

/** Splits a multi-document YAML body (`---` lines) as Kestra's validate endpoint does. */
function documents(source: string): string[] {
  return source.split(/^---[ \t]*$/m).filter((part) => part.trim() !== '')
}

/**
 * Flows, Kestra's paths: `POST /flows` (YAML body) creates, `PUT /flows/{namespace}/{id}` saves a new revision,
 * `GET /flows/{namespace}/{id}` (`?source`, `?revision`), `GET …/revisions`, `GET /flows/search`,
 * `GET /flows/{namespace}`, `DELETE /flows/{namespace}/{id}`, `POST /flows/validate` and the flow language's
 * JSON Schema at `GET /plugins/schemas/flow` (mounted by plugins.ts).
 */
export function flowRoutes(deps: ApiDeps): Hono {
  const app = new Hono()
  const save = async (flow: Flow) => {
    const record = await deps.store.flows.save({
      namespace: flow.namespace,
      id: flow.id,
      source: flow.source,
      description: flow.description,
      labels: flow.labels,
      disabled: flow.disabled,
    })
    return flowJson(record, { ...flow, revision: record.revision })
  }

  app.post('/flows', async (context) => {
    const flow = parseSource(deps, await yamlBody(context))
    const current = await deps.store.flows.get(flow.namespace, flow.id)
    if (current && !current.deleted) {
      throw new VerityError(
        'FLOW_EXISTS',
        `Flow ${flow.namespace}.${flow.id} already exists; update it with PUT /flows/${flow.namespace}/${flow.id}`,
      )
    }
    return context.json(await save(flow), 200)
  })

  app.post('/flows/validate', async (context) => {
    const source = await context.req.text()
    const results = documents(source).map((document, index) => {
      const issues = validateFlowSource(document, {
        file: `<flow ${index}>`,
        registry: deps.registry,
        pluginDefaults: deps.config.pluginDefaults,
      })
      const head = /^id:\s*(\S+)/m.exec(document)?.[1]
      const namespace = /^namespace:\s*(\S+)/m.exec(document)?.[1]
      return {
        index,
        flow: head,
        namespace,
        constraints:
          issues.length === 0
            ? undefined
            : issues.map((issue) => `${issue.position.path || '(root)'}: ${issue.message}`).join('\n'),
        errors: issues.map((issue) => ({
          path: issue.position.path || '(root)',
          message: issue.message,
          line: issue.position.line,
          column: issue.position.column,
        })),
        outdated: false,
        deprecationPaths: [],
        warnings: [],
        infos: [],
      }
    })
    return context.json(results)
  })

  app.get('/flows/search', async (context) => {
    const query = parseQuery(context, searchQuery)
    const page = await deps.store.flows.list(query)
    return context.json({
      results: page.results.map((record) => flowJson(record, tryParse(deps, record), { source: false })),
      total: page.total,
    })
  })

  app.get('/flows/:namespace', async (context) => {
    const page = await deps.store.flows.list({ namespace: context.req.param('namespace'), size: 1000 })
    return context.json(
      page.results.map((record) => flowJson(record, tryParse(deps, record), { source: false })),
    )
  })

  app.get('/flows/:namespace/:id', async (context) => {
    const { namespace, id } = context.req.param()
    const query = parseQuery(context, sourceQuery)
    const record = await existingFlow(deps, namespace, id, query.revision)
    return context.json(flowJson(record, tryParse(deps, record), { source: query.source === 'true' }))
  })

  app.get('/flows/:namespace/:id/revisions', async (context) => {
    const { namespace, id } = context.req.param()
    await existingFlow(deps, namespace, id)
    const revisions = await deps.store.flows.revisions(namespace, id)
    return context.json(revisions.map((record) => flowJson(record, tryParse(deps, record))))
  })

  app.put('/flows/:namespace/:id', async (context) => {
    const { namespace, id } = context.req.param()
    await existingFlow(deps, namespace, id)
    const flow = parseSource(deps, await yamlBody(context))
    if (flow.namespace !== namespace || flow.id !== id) {
      throw new RequestValidationError([
        {
          path: flow.namespace !== namespace ? 'namespace' : 'id',
          message: `the YAML declares ${flow.namespace}.${flow.id} but the path is ${namespace}.${id}; id and namespace cannot change`,
        },
      ])
    }
    return context.json(await save(flow))
  })

  app.delete('/flows/:namespace/:id', async (context) => {
    const { namespace, id } = context.req.param()
    await existingFlow(deps, namespace, id)
    await deps.store.flows.delete(namespace, id)
    return context.body(null, 204)
  })

  app.get('/plugins/schemas/:type', (context) => {
    const type = context.req.param('type').toLowerCase()
    if (type !== 'flow') {
      throw new VerityError('SCHEMA_NOT_FOUND', `no schema '${type}': only 'flow' is served`)
    }
    return context.json(flowJsonSchema(deps.registry))
  })
  return app
}
