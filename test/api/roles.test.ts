/**
 * Distributed mode as `verity server --roles …` wires it: an API process, an executor process and a worker process
 * (each with its own database sessions) on one PostgreSQL store and queue. A flow started over the REST API and a
 * Judge0 submission both finish, though the process that took them runs neither.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { startServer } from '../../src/cli/commands/server.ts'
import { loadConfig } from '../../src/config/index.ts'
import type { ServerRole } from '../../src/config/server.ts'
import type { LanguageDefinition } from '../../src/sandbox/index.ts'
import { detectLanguage, findLanguage } from '../../src/sandbox/languages/index.ts'
import type { Server } from '../../src/server/index.ts'
import {
  createTestSchema,
  dropTestSchema,
  TEST_DATABASE_URL,
} from '../../src/store/postgres/test-database.ts'
import { HELLO } from './harness.ts'

let schema: string
let directory: string
const servers: Server[] = []
const urls: Partial<Record<ServerRole, string>> = {}

async function start(role: ServerRole, languages: LanguageDefinition[]) {
  const config = loadConfig({ cwd: directory, env: {} })
  const shared = { url: TEST_DATABASE_URL, schema }
  const { server, url } = await startServer(
    {
      ...config,
      store: { ...config.store, type: 'postgres', ...shared },
      queue: { ...config.queue, type: 'postgres', ...shared },
      server: { ...config.server, seedExamples: false },
      sandbox: { ...config.sandbox, prestart: 0 },
    },
    { port: 0, roles: [role] },
    { languages },
  )
  servers.push(server)
  urls[role] = url
}

before(async () => {
  schema = await createTestSchema('verity_roles')
  directory = await mkdtemp(join(tmpdir(), 'verity-roles-'))
  const python = await detectLanguage(findLanguage('python') as LanguageDefinition)
  assert.ok(python, 'python3 is installed by scripts/setup')
  for (const role of ['api', 'executor', 'worker'] as const) await start(role, [python])
})
after(async () => {
  for (const server of servers.reverse()) await server.close()
  await dropTestSchema(schema)
  await rm(directory, { recursive: true, force: true })
})

test('only the api process serves the REST and Judge0 APIs; every process answers /health', async () => {
  for (const role of ['executor', 'worker'] as const) {
    assert.equal((await fetch(`${urls[role]}/api/v1/main/flows/search`)).status, 404)
    assert.equal((await fetch(`${urls[role]}/judge0/languages`)).status, 404)
  }
  for (const url of Object.values(urls)) assert.equal((await fetch(`${url}/health`)).status, 200)
})

test('a flow started on the api process is decided by the executor and run by the worker', async () => {
  const saved = await fetch(`${urls.api}/api/v1/main/flows`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-yaml' },
    body: HELLO,
  })
  assert.equal(saved.status, 200, await saved.clone().text())
  const form = new FormData()
  form.set('name', 'roles')
  const created = (await (
    await fetch(`${urls.api}/api/v1/main/executions/company.team/hello?wait=true`, {
      method: 'POST',
      body: form,
    })
  ).json()) as { id: string; state: { current: string }; outputs: Record<string, unknown> }
  assert.equal(created.state.current, 'SUCCESS')
  assert.deepEqual(created.outputs, { greeting: 'Hello roles' })
})

test('a Judge0 submission accepted by the api process runs on the worker process', async () => {
  const response = await fetch(`${urls.api}/judge0/submissions?wait=true&fields=stdout,status`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ language_id: 71, source_code: 'print(6 * 7)' }),
  })
  assert.deepEqual(await response.json(), { stdout: '42\n', status: { id: 3, description: 'Accepted' } })
})

test('splitting roles without the shared PostgreSQL store and queue is refused with the reason', async () => {
  const config = loadConfig({ cwd: directory, env: {} })
  await assert.rejects(
    startServer(config, { port: 0, roles: ['worker'] }, { languages: [] }),
    /server\.roles \[worker\]: running only some roles needs the store and the queue shared on PostgreSQL/,
  )
})
