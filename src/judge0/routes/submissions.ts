import type { Context } from 'hono'
import { Hono } from 'hono'
import { authorize } from '../auth.ts'
import { invalidFieldsError, parseFields, type SubmissionField } from '../fields.ts'
import { NOT_UTF8_MANY, NOT_UTF8_ONE, NotUtf8Error, serializeSubmission } from '../serialize.ts'
import type { Judge0Service } from '../service.ts'
import { isUnfinished, type Submission } from '../submission.ts'

/** `/submissions` and `/submissions/batch`, with Judge0 CE 1.13's checks, statuses and error bodies. */
export function submissionRoutes(service: Judge0Service): Hono {
  const { config } = service
  const app = new Hono()
  const maintenance = (context: Context) => context.json({ error: config.maintenance_message }, 503)
  const serialize = (submission: Submission, fields: readonly SubmissionField[], base64Encoded: boolean) =>
    serializeSubmission(submission, fields, base64Encoded, service.languages)

  app.post('/batch', async (context) => {
    if (!config.enable_batched_submissions)
      return context.json({ error: 'batched submissions are not allowed' }, 400)
    if (config.maintenance_mode) return maintenance(context)
    const body = await readJson(context)
    const items = (body as { submissions?: unknown } | undefined)?.submissions
    if (body === undefined || !Array.isArray(items)) {
      return context.json({ error: 'the body must be a JSON object with a "submissions" array' }, 400)
    }
    const sizeError = batchSizeError(items.length, config.max_submission_batch_size)
    if (sizeError) return context.json({ error: sizeError }, 400)
    if (await service.isQueueFull(items.length)) return context.json({ error: 'queue is full' }, 503)
    const outcomes = await service.createBatch(items, base64Flag(context))
    const created = outcomes.some((outcome) => 'submission' in outcome)
    const response = outcomes.map((outcome) =>
      'submission' in outcome ? { token: outcome.submission.token } : outcome.errors,
    )
    return context.json(response, created ? 201 : 422)
  })

  app.get('/batch', async (context) => {
    if (!config.enable_batched_submissions)
      return context.json({ error: 'batched submissions are not allowed' }, 400)
    const fields = parseFields(context.req.query('fields'))
    if ('invalid' in fields) return context.json(invalidFieldsError(fields.invalid), 400)
    const tokens = (context.req.query('tokens') ?? context.req.header('tokens') ?? '')
      .split(',')
      .map((token) => token.trim())
      .filter((token) => token !== '')
    const sizeError = batchSizeError(tokens.length, config.max_submission_batch_size)
    if (sizeError) return context.json({ error: sizeError }, 400)
    const submissions = await service.getMany(tokens)
    try {
      const base64Encoded = base64Flag(context)
      return context.json({
        submissions: submissions.map(
          (submission) => submission && serialize(submission, fields.fields, base64Encoded),
        ),
      })
    } catch (error) {
      if (error instanceof NotUtf8Error) return context.json({ error: NOT_UTF8_MANY }, 400)
      throw error
    }
  })

  app.post('/', async (context) => {
    if (config.maintenance_mode) return maintenance(context)
    const wait = context.req.query('wait') === 'true'
    if (wait && !config.enable_wait_result) return context.json({ error: 'wait not allowed' }, 400)
    if (await service.isQueueFull(1)) return context.json({ error: 'queue is full' }, 503)
    const fields = parseFields(context.req.query('fields'))
    if ('invalid' in fields) return context.json(invalidFieldsError(fields.invalid), 400)
    const body = await readJson(context)
    if (body === undefined) return context.json({ error: 'the body must be a JSON object' }, 400)
    const base64Encoded = base64Flag(context)
    const outcome = await service.create(body, { base64Encoded, wait })
    if ('errors' in outcome) return context.json(outcome.errors, 422)
    if (!wait) return context.json({ token: outcome.submission.token }, 201)
    try {
      return context.json(serialize(outcome.submission, fields.fields, base64Encoded), 201)
    } catch (error) {
      if (error instanceof NotUtf8Error)
        return context.json({ error: NOT_UTF8_ONE, token: outcome.submission.token }, 201)
      throw error
    }
  })

  app.get('/', authorize(config), async (context) => {
    const fields = parseFields(context.req.query('fields'))
    if ('invalid' in fields) return context.json(invalidFieldsError(fields.invalid), 400)
    const page = integerParameter(context.req.query('page'), 1)
    const perPage = integerParameter(context.req.query('per_page'), 20)
    if (Number.isNaN(page) || page <= 0)
      return context.json({ error: `invalid page: ${context.req.query('page')}` }, 400)
    if (Number.isNaN(perPage) || perPage <= 0) {
      return context.json({ error: `invalid per_page: ${context.req.query('per_page')}` }, 400)
    }
    const { results, total } = await service.list(page, perPage)
    const totalPages = Math.ceil(total / perPage)
    try {
      const base64Encoded = base64Flag(context)
      return context.json({
        submissions: results.map((submission) => serialize(submission, fields.fields, base64Encoded)),
        meta: {
          current_page: page,
          next_page: page < totalPages ? page + 1 : null,
          prev_page: page > 1 ? page - 1 : null,
          total_pages: totalPages,
          total_count: total,
        },
      })
    } catch (error) {
      if (error instanceof NotUtf8Error) return context.json({ error: NOT_UTF8_MANY }, 400)
      throw error
    }
  })

  app.get('/:token', async (context) => {
    const fields = parseFields(context.req.query('fields'))
    if ('invalid' in fields) return context.json(invalidFieldsError(fields.invalid), 400)
    const submission = await service.get(context.req.param('token'))
    if (!submission) return context.json({ error: 'not found' }, 404)
    try {
      return context.json(serialize(submission, fields.fields, base64Flag(context)))
    } catch (error) {
      if (error instanceof NotUtf8Error) return context.json({ error: NOT_UTF8_ONE }, 400)
      throw error
    }
  })

  app.delete('/:token', authorize(config), async (context) => {
    if (config.maintenance_mode) return maintenance(context)
    if (!config.enable_submission_delete) return context.json({ error: 'delete not allowed' }, 400)
    const fields = parseFields(context.req.query('fields'))
    if ('invalid' in fields) return context.json(invalidFieldsError(fields.invalid), 400)
    const submission = await service.get(context.req.param('token'))
    if (!submission) return context.json({ error: 'not found' }, 404)
    if (isUnfinished(submission.status_id)) {
      const description = submission.status_id === 1 ? 'In Queue' : 'Processing'
      return context.json(
        {
          error: `submission cannot be deleted because its status is ${submission.status_id} (${description})`,
        },
        400,
      )
    }
    await service.delete(submission.token)
    // Judge0 forces base64 here: the deleted data is returned once and must survive whatever its bytes are.
    return context.json(serialize(submission, fields.fields, true))
  })

  return app
}

function base64Flag(context: Context): boolean {
  return context.req.query('base64_encoded') === 'true'
}

function batchSizeError(count: number, max: number): string | undefined {
  if (count > max) return `number of submissions in a batch should be less than or equal to ${max}`
  if (count === 0) return 'there should be at least one submission in a batch'
  return undefined
}

function integerParameter(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback
  return /^-?\d+$/.test(value) ? Number(value) : Number.NaN
}

/** The parsed JSON body, or `undefined` when it is not JSON. */
async function readJson(context: Context): Promise<unknown> {
  try {
    return await context.req.json()
  } catch {
    return undefined
  }
}
