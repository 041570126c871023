import { Hono } from 'hono'
import { z } from 'zod'
import { MASK } from '../../engine/index.ts'
import { VerityError } from '../../errors.ts'
import { parseDuration } from '../../flow/index.ts'
import type { KVEntry } from '../../store/types.ts'
import type { ApiDeps } from './deps.ts'
import { RequestValidationError } from './errors.ts'

const keySchema = z.string().regex(/^[A-Za-z0-9._/-]+$/, 'a key holds letters, digits, . _ / -')

/** Kestra's KV value types, by what the JSON value is. */
function typeOf(value: unknown): string {
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T/.test(value) ? 'DATETIME' : 'STRING'
  if (typeof value === 'number') return 'NUMBER'
  if (typeof value === 'boolean') return 'BOOLEAN'
  return 'JSON'
}

function summary(entry: KVEntry) {
  return {
    key: entry.key,
    secret: entry.secret,
    updateDate: entry.updated,
    expirationDate: entry.expiresAt,
  }
}

async function existing(deps: ApiDeps, namespace: string, key: string): Promise<KVEntry> {
  const entry = await deps.store.kv.get(namespace, key)
  if (!entry) throw new VerityError('KV_NOT_FOUND', `No KV entry '${key}' in namespace ${namespace}`)
  return entry
}

/**
 * Namespaced key-value store, Kestra's paths: `GET /namespaces/{namespace}/kv` (entries without values),
 * `GET|PUT|DELETE /namespaces/{namespace}/kv/{key}`. PUT's body is the value: JSON when it parses, else the text;
 * headers `ttl` (ISO-8601 duration) and Verity's `secret: true`. A secret's value is never returned: reading it
 * answers with the mask.
 */
export function kvRoutes(deps: ApiDeps): Hono {
  const app = new Hono()
  app.get('/namespaces/:namespace/kv', async (context) => {
    const entries = await deps.store.kv.list(context.req.param('namespace'))
    return context.json(entries.map(summary))
  })
  app.get('/namespaces/:namespace/kv/:key{.+}', async (context) => {
    const { namespace, key } = context.req.param()
    const entry = await existing(deps, namespace, key)
    return context.json({
      ...summary(entry),
      type: entry.secret ? 'SECRET' : typeOf(entry.value),
      value: entry.secret ? MASK : entry.value,
    })
  })
  app.put('/namespaces/:namespace/kv/:key{.+}', async (context) => {
    const { namespace, key } = context.req.param()
    const checked = keySchema.safeParse(key)
    if (!checked.success)
      throw new RequestValidationError([
        { path: 'key', message: checked.error.issues[0]?.message ?? 'invalid key' },
      ])
    const text = await context.req.text()
    let value: unknown = text
    try {
      value = JSON.parse(text)
    } catch {
      // Kestra stores a body that is not JSON as a string.
    }
    const ttl = context.req.header('ttl')
    let expiresAt: string | undefined
    if (ttl !== undefined) {
      const ms = parseDuration(ttl)
      if (ms === undefined) {
        throw new RequestValidationError([
          { path: 'headers.ttl', message: `expected an ISO-8601 duration such as PT1H, got '${ttl}'` },
        ])
      }
      expiresAt = new Date(Date.now() + ms).toISOString()
    }
    const secret = context.req.header('secret') === 'true'
    const entry = await deps.store.kv.set({ namespace, key, value, secret, expiresAt })
    return context.json(summary(entry))
  })
  app.delete('/namespaces/:namespace/kv/:key{.+}', async (context) => {
    const { namespace, key } = context.req.param()
    if (!(await deps.store.kv.delete(namespace, key))) await existing(deps, namespace, key)
    return context.body(null, 204)
  })
  return app
}
