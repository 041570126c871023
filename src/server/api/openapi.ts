import { z } from 'zod'
import { ROUTES, type Route } from './openapi-routes.ts'

const errorSchema = z.object({
  message: z.string(),
  code: z.string().optional(),
  errors: z
    .array(
      z.object({
        path: z.string(),
        message: z.string(),
        line: z.number().optional(),
        column: z.number().optional(),
      }),
    )
    .optional(),
})

function operation(route: Route) {
  const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }))
  const queryParams = Object.entries(route.query?.shape ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: !(schema as z.ZodType).safeParse(undefined).success,
    schema: z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }),
  }))
  return {
    summary: route.summary,
    tags: [route.tag],
    parameters: [...pathParams, ...queryParams],
    ...(route.body
      ? {
          requestBody: {
            content: { [route.body.type]: { schema: {} } },
            description: route.body.description,
          },
        }
      : {}),
    responses: {
      [route.ok[0]]: { description: route.ok[1] },
      default: {
        description: 'Error: 401, 404, 409, 422 (with errors[].path), 500',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    },
  }
}

/** The OpenAPI 3.1 document of the REST API, built once from the route table and the routes' zod schemas. */
export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of ROUTES) {
    paths[route.path] ??= {}
    ;(paths[route.path] as Record<string, unknown>)[route.method] = operation(route)
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Verity REST API',
      version,
      description:
        'Kestra-compatible paths under /api/v1/main (tenant `main`); every /api/v1/main/... path also answers at /api/v1/....',
    },
    components: {
      schemas: { Error: z.toJSONSchema(errorSchema) },
      securitySchemes: {
        basic: { type: 'http', scheme: 'basic' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    security: [{}, { basic: [] }, { bearer: [] }],
    paths,
  }
}
