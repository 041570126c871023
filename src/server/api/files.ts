import { Hono } from 'hono'
import { z } from 'zod'
import { parseFileUri } from '../../store/index.ts'
import type { ApiDeps } from './deps.ts'
import { RequestValidationError } from './errors.ts'
import { existingExecution } from './executions.ts'
import { parseQuery } from './http.ts'

const fileQuery = z.object({ path: z.string().min(1) })

/**
 * Kestra's `GET /executions/{executionId}/file?path=verity:///…`: downloads a file of that execution (an uploaded
 * FILE input, a task's output file). A URI of another execution is refused, so an execution id grants access to
 * its own files only.
 */
export function fileRoutes(deps: ApiDeps): Hono {
  const app = new Hono()
  app.get('/executions/:executionId/file', async (context) => {
    const execution = await existingExecution(deps, context.req.param('executionId'))
    const { path } = parseQuery(context, fileQuery)
    let location: ReturnType<typeof parseFileUri>
    try {
      location = parseFileUri(path)
    } catch (error) {
      throw new RequestValidationError([{ path: 'query.path', message: (error as Error).message }])
    }
    if (location.executionId !== execution.id || location.namespace !== execution.namespace) {
      throw new RequestValidationError([
        { path: 'query.path', message: `not a file of execution ${execution.id}` },
      ])
    }
    const bytes = await deps.store.files.get(path)
    const fileName = location.name.split('/').at(-1) ?? 'file'
    return context.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    })
  })
  return app
}
