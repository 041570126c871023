import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, it } from 'node:test'

// A real `verity server` process, killed and restarted over the same data directory.
const main = new URL('./fixtures/server-process.ts', import.meta.url).pathname
let directory: string
before(async () => {
  directory = await mkdtemp(join(tmpdir(), 'verity-judge0-restart-'))
  const config = ['dataDir: ./data', 'sandbox:', '  concurrency: 1', '  prestart: 0', ''].join('\n')
  await writeFile(join(directory, 'verity.yaml'), config)
})
after(() => rm(directory, { recursive: true, force: true }))

async function startServer(): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [main], {
    cwd: directory,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const base = await new Promise<string>((resolve, reject) => {
    let output = ''
    child.stdout?.on('data', (chunk) => {
      output += chunk
      const match = /listening on (http:\/\/\S+)/.exec(output)
      if (match) resolve(`${match[1]}/judge0`)
    })
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening: ${output}`)))
  })
  return { child, base }
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', resolve))

async function submit(base: string, source: string): Promise<string> {
  const response = await fetch(`${base}/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ language_id: 71, source_code: source }),
  })
  assert.equal(response.status, 201)
  return ((await response.json()) as { token: string }).token
}

async function read(base: string, token: string): Promise<{ status: { id: number }; stdout: string | null }> {
  return (await (await fetch(`${base}/submissions/${token}?fields=status,stdout`)).json()) as {
    status: { id: number }
    stdout: string | null
  }
}

async function until(base: string, token: string, done: (statusId: number) => boolean) {
  for (;;) {
    const submission = await read(base, token)
    if (done(submission.status.id)) return submission
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

it('a killed server loses no accepted submission: running and queued ones finish after the restart', async () => {
  const first = await startServer()
  const tokens = [
    await submit(first.base, 'import time; time.sleep(1); print("one")'),
    await submit(first.base, 'print("two")'),
    await submit(first.base, 'print("three")'),
  ]
  await until(first.base, tokens[0] as string, (id) => id === 2)
  assert.equal((await read(first.base, tokens[1] as string)).status.id, 1)
  first.child.kill('SIGKILL')
  await exited(first.child)

  const second = await startServer()
  try {
    const results = []
    for (const token of tokens) results.push(await until(second.base, token, (id) => id > 2))
    assert.deepEqual(
      results.map((result) => [result.status.id, result.stdout]),
      [
        [3, 'one\n'],
        [3, 'two\n'],
        [3, 'three\n'],
      ],
    )
  } finally {
    second.child.kill('SIGTERM')
    await exited(second.child)
  }
})

it('SIGTERM finishes the running submission before exiting with 0', async () => {
  const server = await startServer()
  const token = await submit(server.base, 'import time; time.sleep(0.5); print("finished")')
  await until(server.base, token, (id) => id === 2)
  server.child.kill('SIGTERM')
  assert.equal(await exited(server.child), 0)
  const again = await startServer()
  try {
    assert.deepEqual(await read(again.base, token), {
      status: { id: 3, description: 'Accepted' },
      stdout: 'finished\n',
    })
  } finally {
    again.child.kill('SIGTERM')
    await exited(again.child)
  }
})
