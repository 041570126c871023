import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Judge0Config, judge0ConfigSchema } from '../../src/config/judge0.ts'
import { serverConfigSchema } from '../../src/config/server.ts'
import type { StoreConfig } from '../../src/config/store.ts'
import { MemoryQueue } from '../../src/queue/index.ts'
import { createSandbox, type LanguageDefinition } from '../../src/sandbox/index.ts'
import { detectLanguage, findLanguage } from '../../src/sandbox/languages/index.ts'
import { createServer, type Server } from '../../src/server/index.ts'
import { createStore } from '../../src/store/index.ts'

/** Detects a few real toolchains once per test file (detecting the whole registry takes seconds). */
export async function installedLanguages(ids: string[]): Promise<LanguageDefinition[]> {
  const found = await Promise.all(ids.map((id) => detectLanguage(findLanguage(id) as LanguageDefinition)))
  return found.filter((language): language is LanguageDefinition => language !== undefined)
}

export interface Harness {
  server: Server
  /** `app.request` under `/judge0`, JSON bodies encoded. */
  request(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>
  url: string
  close(): Promise<void>
}

/**
 * A real server (SQLite store in a temp dir unless `store` says otherwise, in-process queue, real sandbox)
 * listening on a free port.
 */
export async function startHarness(
  options: {
    judge0?: Partial<Judge0Config>
    languages?: string[]
    concurrency?: number
    fetch?: typeof fetch
    /** Default: SQLite in a temp dir. */
    store?: StoreConfig
  } = {},
): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'verity-judge0-'))
  const store = await createStore(options.store ?? { type: 'sqlite' }, dataDir)
  const queue = new MemoryQueue()
  const concurrency = options.concurrency ?? 2
  const languages = await installedLanguages(options.languages ?? ['python', 'javascript'])
  const sandbox = createSandbox({ concurrency, prestart: 0 }, { languages })
  const server = createServer({
    config: {
      server: serverConfigSchema.parse({ port: 0 }),
      judge0: judge0ConfigSchema.parse(options.judge0 ?? {}),
    },
    store,
    queue,
    sandbox,
    languages,
    concurrency,
    verityVersion: '0.0.0-test',
    fetch: options.fetch,
  })
  server.onClose(async () => {
    await store.close()
    await rm(dataDir, { recursive: true, force: true })
  })
  server.onClose(() => sandbox.close())
  server.onClose(() => queue.close())
  const { url } = await server.listen()
  return {
    server,
    url,
    request: (path, init = {}) =>
      Promise.resolve(
        server.app.request(`/judge0${path}`, {
          method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
          headers: { 'content-type': 'application/json', ...init.headers },
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
        }),
      ),
    close: () => server.close(),
  }
}

export const base64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64')

/** Polls a submission until it finished. */
export async function finished(
  harness: Harness,
  token: string,
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  for (;;) {
    const response = await harness.request(`/submissions/${token}?fields=*`, { headers })
    const body = (await response.json()) as Record<string, unknown> & { status: { id: number } }
    if (!body.status) throw new Error(`GET ${token}: ${response.status} ${JSON.stringify(body)}`)
    if (body.status.id > 2) return body
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
