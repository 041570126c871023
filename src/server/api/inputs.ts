import type { Context } from 'hono'
import type { Store } from '../../store/types.ts'
import { RequestValidationError } from './errors.ts'

/**
 * An execution's given inputs from the request: a JSON object body, or `multipart/form-data` (Kestra's way) whose
 * text fields are values and whose file parts are stored with `store.files` under the execution, the input's value
 * becoming the file's `verity://` URI. An empty body gives no inputs.
 */
export async function readInputs(
  context: Context,
  store: Store,
  target: { namespace: string; executionId: string },
): Promise<Record<string, unknown>> {
  const type = context.req.header('content-type') ?? ''
  if (type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')) {
    const form = await context.req.formData()
    const inputs: Record<string, unknown> = {}
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') inputs[name] = value
      else {
        const bytes = new Uint8Array(await value.arrayBuffer())
        const fileName = value.name && value.name !== 'blob' ? value.name : name
        inputs[name] = await store.files.put(
          target.namespace,
          target.executionId,
          `inputs/${name}/${fileName}`,
          bytes,
        )
      }
    }
    return inputs
  }
  const text = await context.req.text()
  if (text.trim() === '') return {}
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (error) {
    throw new RequestValidationError([{ path: 'body', message: `invalid JSON: ${(error as Error).message}` }])
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new RequestValidationError([{ path: 'body', message: 'expected a JSON object of inputs by id' }])
  }
  return body as Record<string, unknown>
}
