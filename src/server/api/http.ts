import type { Context } from 'hono'
import type { z } from 'zod'
import { RequestValidationError } from './errors.ts'

/** Parses the query string with `schema`; a bad value is a 422 naming `query.<field>`. */
export function parseQuery<S extends z.ZodType>(context: Context, schema: S): z.output<S> {
  const url = new URL(context.req.url)
  const raw: Record<string, string | string[]> = {}
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key)
    raw[key] = values.length === 1 ? (values[0] as string) : values
  }
  const parsed = schema.safeParse(raw)
  if (!parsed.success) throw RequestValidationError.fromZod(parsed.error, 'query')
  return parsed.data
}

/** Reads a JSON body and parses it with `schema`; malformed JSON or a bad field is a 422 naming the field. */
export async function parseJsonBody<S extends z.ZodType>(context: Context, schema: S): Promise<z.output<S>> {
  let value: unknown
  try {
    value = JSON.parse(await context.req.text())
  } catch (error) {
    throw new RequestValidationError([{ path: 'body', message: `invalid JSON: ${(error as Error).message}` }])
  }
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw RequestValidationError.fromZod(parsed.error, 'body')
  return parsed.data
}

/** `key:value` strings (Kestra's `labels` query parameter, repeatable) → a labels map. */
export function parseLabels(
  values: string | string[] | undefined,
  path = 'query.labels',
): Record<string, string> {
  const labels: Record<string, string> = {}
  for (const entry of values === undefined ? [] : Array.isArray(values) ? values : [values]) {
    const colon = entry.indexOf(':')
    if (colon <= 0)
      throw new RequestValidationError([{ path, message: `expected key:value, got '${entry}'` }])
    labels[entry.slice(0, colon)] = entry.slice(colon + 1)
  }
  return labels
}
