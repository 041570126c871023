import { Hono } from 'hono'
import { z } from 'zod'
import { VerityError } from '../../errors.ts'
import type { Plugin } from '../../plugins/define.ts'
import type { ApiDeps } from './deps.ts'

function jsonSchema(schema: z.ZodType | undefined): unknown {
  if (!schema) return undefined
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })
}

function summary(plugin: Plugin) {
  return {
    type: plugin.type,
    aliases: plugin.aliases ?? [],
    kind: plugin.kind,
    category: plugin.kind === 'component' ? plugin.category : 'task',
    title: plugin.title,
  }
}

/**
 * Plugins: `GET /plugins` lists every task, trigger, provider, tool and memory type; `GET /plugins/{type}` gives
 * one with its markdown docs, examples and the JSON Schema of its properties (and outputs).
 */
export function pluginRoutes(deps: ApiDeps): Hono {
  const app = new Hono()
  app.get('/plugins', (context) => context.json(deps.registry.list().map(summary)))
  app.get('/plugins/:type', (context) => {
    const type = context.req.param('type')
    const plugin = deps.registry.get(type)
    if (!plugin) throw new VerityError('PLUGIN_NOT_FOUND', `No plugin of type ${type}`)
    return context.json({
      ...summary(plugin),
      markdown: plugin.description,
      examples: plugin.examples ?? [],
      schema: {
        properties: jsonSchema(plugin.props),
        outputs: plugin.kind === 'runnable' ? jsonSchema(plugin.outputs) : undefined,
      },
    })
  })
  return app
}
