import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serverConfigSchema } from '../../src/config/server.ts'
import { createEngine, type Engine } from '../../src/engine/index.ts'
import { createDefaultRegistry } from '../../src/plugins/index.ts'
import { MemoryQueue } from '../../src/queue/index.ts'
import { type ApiDeps, createRestApi } from '../../src/server/api/index.ts'
import { createStore, type Store } from '../../src/store/index.ts'

/** A REST API over a real SQLite store in a temp dir and a real embedded engine. */
// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely and assert on them
export type ApiResponse = Omit<Response, 'json'> & { json(): Promise<any> }

export interface ApiHarness {
  request(path: string, init?: RequestInit): Promise<ApiResponse>
  app: Awaited<ReturnType<typeof createRestApi>>['app']
  store: Store
  engine: Engine
  deps: ApiDeps
  close(): Promise<void>
}

export async function openApi(server: Record<string, unknown> = {}): Promise<ApiHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'verity-api-'))
  const store = await createStore({ type: 'sqlite' }, join(dir, 'data'))
  const queue = new MemoryQueue()
  const registry = createDefaultRegistry()
  const engine = createEngine({ store, queue, registry })
  await engine.start()
  const logged: string[] = []
  const deps: ApiDeps = {
    store,
    engine,
    registry,
    config: { server: serverConfigSchema.parse(server) },
    verityVersion: '0.0.0-test',
    log: (message) => logged.push(message),
  }
  const api = await createRestApi(deps)
  return {
    app: api.app,
    request: async (path, init) => (await api.app.request(path, init)) as unknown as ApiResponse,
    store,
    engine,
    deps,
    async close() {
      await api.close()
      await engine.stop()
      await queue.close()
      await store.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

export const HELLO = `id: hello
namespace: company.team
inputs:
  - id: name
    type: STRING
    defaults: world
tasks:
  - id: say
    type: io.kestra.plugin.core.log.Log
    message: "Hello {{ inputs.name }}"
outputs:
  - id: greeting
    type: STRING
    value: "Hello {{ inputs.name }}"
`

/** POSTs a flow's YAML. */
export function postFlow(api: ApiHarness, source: string, path = '/api/v1/main/flows'): Promise<ApiResponse> {
  return api.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-yaml' },
    body: source,
  })
}
