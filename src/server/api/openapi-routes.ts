import { z } from 'zod'
import { createQuery, executionSearchQuery } from './executions.ts'
import { searchQuery } from './flows.ts'
import { logQuery } from './logs.ts'

/** One operation of the REST API, as the OpenAPI document describes it. */
export interface Route {
  method: 'get' | 'post' | 'put' | 'delete'
  path: string
  summary: string
  tag: string
  query?: z.ZodObject
  /** Request body media type and a description of it. */
  body?: { type: string; description: string }
  /** Success status and what it returns. */
  ok: [number, string]
}

const yaml = { type: 'application/x-yaml', description: 'The flow YAML.' }
const T = '/api/v1/main'

/** Every route of the REST API; the tenant-less alias `/api/v1/...` of each `/api/v1/main/...` path is implied. */
export const ROUTES: Route[] = [
  { method: 'get', path: '/api/v1/health', summary: 'Health', tag: 'Server', ok: [200, '{status, version}'] },
  { method: 'get', path: '/api/v1/version', summary: 'Version', tag: 'Server', ok: [200, '{version}'] },
  {
    method: 'get',
    path: '/api/v1/me',
    summary: 'The authenticated user (login check)',
    tag: 'Server',
    ok: [200, '{username, authEnabled}'],
  },
  {
    method: 'get',
    path: '/api/v1/openapi.json',
    summary: 'This document',
    tag: 'Server',
    ok: [200, 'OpenAPI 3.1'],
  },
  { method: 'get', path: '/metrics', summary: 'Prometheus metrics', tag: 'Server', ok: [200, 'text/plain'] },
  {
    method: 'post',
    path: `${T}/flows`,
    summary: 'Create a flow',
    tag: 'Flows',
    body: yaml,
    ok: [200, 'Flow'],
  },
  {
    method: 'post',
    path: `${T}/flows/validate`,
    summary: 'Validate flows without saving',
    tag: 'Flows',
    body: yaml,
    ok: [200, '[{index, flow, namespace, constraints, errors, outdated, deprecationPaths, warnings, infos}]'],
  },
  {
    method: 'get',
    path: `${T}/flows/search`,
    summary: 'Search flows',
    tag: 'Flows',
    query: searchQuery,
    ok: [200, '{results: Flow[], total}'],
  },
  {
    method: 'get',
    path: `${T}/flows/{namespace}`,
    summary: 'Flows of a namespace',
    tag: 'Flows',
    ok: [200, 'Flow[]'],
  },
  {
    method: 'get',
    path: `${T}/flows/{namespace}/{id}`,
    summary: 'Get a flow',
    tag: 'Flows',
    query: z.object({ source: z.enum(['true', 'false']).optional(), revision: z.number().int().optional() }),
    ok: [200, 'Flow'],
  },
  {
    method: 'get',
    path: `${T}/flows/{namespace}/{id}/revisions`,
    summary: 'Revisions of a flow',
    tag: 'Flows',
    ok: [200, 'Flow[]'],
  },
  {
    method: 'put',
    path: `${T}/flows/{namespace}/{id}`,
    summary: 'Update a flow (new revision)',
    tag: 'Flows',
    body: yaml,
    ok: [200, 'Flow'],
  },
  {
    method: 'delete',
    path: `${T}/flows/{namespace}/{id}`,
    summary: 'Delete a flow',
    tag: 'Flows',
    ok: [204, 'deleted'],
  },
  {
    method: 'get',
    path: `${T}/plugins/schemas/{type}`,
    summary: 'JSON Schema of the flow language (type: flow)',
    tag: 'Plugins',
    ok: [200, 'JSON Schema'],
  },
  {
    method: 'get',
    path: `${T}/plugins`,
    summary: 'List plugins',
    tag: 'Plugins',
    ok: [200, '[{type, aliases, kind, category, title}]'],
  },
  {
    method: 'get',
    path: `${T}/plugins/{type}`,
    summary: 'A plugin with docs and schema',
    tag: 'Plugins',
    ok: [200, '{type, title, markdown, examples, schema: {properties, outputs}}'],
  },
  {
    method: 'post',
    path: `${T}/executions/{namespace}/{flowId}`,
    summary: 'Start an execution',
    tag: 'Executions',
    query: createQuery,
    body: {
      type: 'multipart/form-data',
      description: 'Inputs by id (files for FILE inputs), or a JSON object',
    },
    ok: [200, 'Execution'],
  },
  {
    method: 'get',
    path: `${T}/executions/search`,
    summary: 'Search executions',
    tag: 'Executions',
    query: executionSearchQuery,
    ok: [200, '{results: Execution[], total}'],
  },
  {
    method: 'get',
    path: `${T}/executions/{executionId}`,
    summary: 'Get an execution with its task runs',
    tag: 'Executions',
    ok: [200, 'Execution'],
  },
  {
    method: 'delete',
    path: `${T}/executions/{executionId}/kill`,
    summary: 'Kill an execution',
    tag: 'Executions',
    ok: [202, 'kill requested'],
  },
  {
    method: 'post',
    path: `${T}/executions/{executionId}/restart`,
    summary: 'Restart from the failed task runs',
    tag: 'Executions',
    ok: [200, 'Execution'],
  },
  {
    method: 'post',
    path: `${T}/executions/{executionId}/replay`,
    summary: 'Replay (a new execution), optionally from a task run',
    tag: 'Executions',
    query: z.object({ taskRunId: z.string().optional() }),
    ok: [200, 'Execution'],
  },
  {
    method: 'delete',
    path: `${T}/executions/{executionId}`,
    summary: 'Delete an execution',
    tag: 'Executions',
    ok: [204, 'deleted'],
  },
  {
    method: 'get',
    path: `${T}/executions/{executionId}/trace`,
    summary: 'Agent trace events (LLM turns, tool calls, code runs)',
    tag: 'Executions',
    ok: [200, 'TraceEvent[]'],
  },
  {
    method: 'get',
    path: `${T}/executions/{executionId}/follow`,
    summary: 'SSE: logs, execution, taskRun, trace and end events; resumes from Last-Event-ID',
    tag: 'Executions',
    ok: [200, 'text/event-stream'],
  },
  {
    method: 'get',
    path: `${T}/executions/{executionId}/file`,
    summary: 'Download a file of the execution (query path=verity:///…)',
    tag: 'Executions',
    query: z.object({ path: z.string() }),
    ok: [200, 'application/octet-stream'],
  },
  {
    method: 'get',
    path: `${T}/logs/{executionId}`,
    summary: 'Logs of an execution',
    tag: 'Logs',
    query: logQuery,
    ok: [200, 'LogEntry[]'],
  },
  {
    method: 'get',
    path: `${T}/logs/{executionId}/follow`,
    summary: 'SSE of the logs',
    tag: 'Logs',
    query: logQuery,
    ok: [200, 'text/event-stream'],
  },
  ...(['get', 'post', 'put'] as const).map(
    (method): Route => ({
      method,
      path: `${T}/executions/webhook/{namespace}/{flowId}/{key}`,
      summary: 'Trigger a flow by its webhook',
      tag: 'Webhooks',
      body: { type: '*/*', description: 'Available as trigger.body' },
      ok: [200, 'Execution'],
    }),
  ),
  {
    method: 'get',
    path: `${T}/namespaces/{namespace}/kv`,
    summary: 'List KV entries (no values)',
    tag: 'KV',
    ok: [200, '[{key, secret, updateDate, expirationDate}]'],
  },
  {
    method: 'get',
    path: `${T}/namespaces/{namespace}/kv/{key}`,
    summary: 'Get a KV value (secrets masked)',
    tag: 'KV',
    ok: [200, '{key, type, value, secret}'],
  },
  {
    method: 'put',
    path: `${T}/namespaces/{namespace}/kv/{key}`,
    summary: 'Set a KV value (headers ttl, secret)',
    tag: 'KV',
    body: { type: 'application/json', description: 'The value (JSON, else text)' },
    ok: [200, '{key, secret, updateDate, expirationDate}'],
  },
  {
    method: 'delete',
    path: `${T}/namespaces/{namespace}/kv/{key}`,
    summary: 'Delete a KV entry',
    tag: 'KV',
    ok: [204, 'deleted'],
  },
]
