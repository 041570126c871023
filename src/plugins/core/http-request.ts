import { z } from 'zod'
import { durationMs } from '../../engine/index.ts'
import { VerityError } from '../../errors.ts'
import { defineRunnableTask } from '../define.ts'

const optionsSchema = z
  .object({
    connectTimeout: z.string().optional().describe('ISO-8601 duration to get the response headers.'),
    readTimeout: z.string().optional().describe('ISO-8601 duration for the whole response.'),
    followRedirects: z.boolean().default(true),
    allowFailed: z.boolean().default(false).describe('Do not fail on a 4xx/5xx status.'),
    allowedResponseCodes: z
      .array(z.number().int())
      .optional()
      .describe('Status codes that do not fail the task.'),
  })
  .default({ followRedirects: true, allowFailed: false })

/** `io.kestra.plugin.core.http.Request`: one HTTP request with `fetch`; outputs `code`, `headers`, `body`. */
export const httpRequestTask = defineRunnableTask({
  type: 'io.kestra.plugin.core.http.Request',
  aliases: ['io.kestra.plugin.fs.http.Request'],
  title: 'Make an HTTP request.',
  description: 'A 4xx/5xx status fails the task unless `options.allowFailed` (or `allowFailed`) is set.',
  props: z.object({
    uri: z.string().url().describe('The URL.'),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']).default('GET'),
    body: z.unknown().optional().describe('The request body: text, or any value sent as JSON.'),
    formData: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Form fields (urlencoded, or multipart by contentType).'),
    contentType: z.string().default('application/json').describe('The request content type.'),
    headers: z.record(z.string(), z.string()).default({}).describe('Request headers.'),
    allowFailed: z.boolean().optional().describe('Older spelling of `options.allowFailed`.'),
    options: optionsSchema,
  }),
  outputs: z.object({
    uri: z.string(),
    code: z.number(),
    headers: z.record(z.string(), z.array(z.string())),
    body: z.string().optional(),
    length: z.number().optional(),
  }),
  examples: [
    {
      title: 'Post JSON',
      code: 'id: post\ntype: io.kestra.plugin.core.http.Request\nuri: https://example.com/api\nmethod: POST\nbody:\n  hello: world',
    },
  ],
  async run(ctx, props) {
    const headers = new Headers(props.headers)
    const body = requestBody(props)
    if (body !== undefined && !(body instanceof FormData) && !headers.has('content-type')) {
      headers.set('content-type', props.formData ? 'application/x-www-form-urlencoded' : props.contentType)
    }
    const signals = [ctx.signal]
    const { readTimeout, connectTimeout } = props.options
    if (readTimeout) signals.push(AbortSignal.timeout(durationMs(readTimeout, 'options.readTimeout')))
    if (connectTimeout)
      signals.push(AbortSignal.timeout(durationMs(connectTimeout, 'options.connectTimeout')))
    let response: Response
    try {
      response = await fetch(props.uri, {
        method: props.method,
        headers,
        body,
        redirect: props.options.followRedirects ? 'follow' : 'manual',
        signal: AbortSignal.any(signals),
      })
    } catch (error) {
      if (ctx.signal.aborted) throw error
      const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message
      throw new VerityError('HTTP_REQUEST', `${props.method} ${props.uri} failed: ${cause}`)
    }
    const text = props.method === 'HEAD' ? '' : await response.text()
    const allowed =
      props.options.allowFailed ||
      props.allowFailed ||
      props.options.allowedResponseCodes?.includes(response.status)
    if (response.status >= 400 && !allowed) {
      throw new VerityError(
        'HTTP_STATUS',
        `${props.method} ${props.uri} answered ${response.status} ${response.statusText}: ${text.slice(0, 500)}`,
      )
    }
    const responseHeaders: Record<string, string[]> = {}
    response.headers.forEach((value, name) => {
      responseHeaders[name] = [...(responseHeaders[name] ?? []), value]
    })
    return {
      uri: props.uri,
      code: response.status,
      headers: responseHeaders,
      body: text,
      length: Buffer.byteLength(text),
    }
  },
})

function requestBody(props: {
  body?: unknown
  formData?: Record<string, unknown>
  contentType: string
}): string | URLSearchParams | FormData | undefined {
  if (props.formData) {
    const entries = Object.entries(props.formData).map(([key, value]): [string, string] => [
      key,
      typeof value === 'string' ? value : JSON.stringify(value),
    ])
    if (props.contentType.startsWith('multipart/')) {
      const form = new FormData()
      for (const [key, value] of entries) form.append(key, value)
      return form
    }
    return new URLSearchParams(entries)
  }
  if (props.body === undefined || props.body === null) return undefined
  return typeof props.body === 'string' ? props.body : JSON.stringify(props.body)
}
