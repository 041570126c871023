/**
 * Die-with-parent: when the Verity process dies (SIGKILL, no clean-up), every sandbox dies with it: the running
 * one and the pre-started ones waiting in the pool.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, it } from 'node:test'
import { hostProcessesMatching, waitForNoProcesses } from '../helpers.ts'

const directory = mkdtempSync(join(tmpdir(), 'verity-host-death-'))
after(() => rmSync(directory, { recursive: true, force: true }))

/** Every live descendant of `root` (host pids), found through /proc's parent links. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1')
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)])
    } catch {
      // ended while we looked
    }
  }
  const found: number[] = []
  const queue = [root]
  while (queue.length > 0) {
    for (const child of children.get(queue.shift() as number) ?? []) {
      found.push(child)
      queue.push(child)
    }
  }
  return found
}

function alive(pid: number): boolean {
  try {
    // A zombie still answers kill(0): count it dead, it runs nothing.
    return !readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1]?.startsWith('Z')
  } catch {
    return false
  }
}

it('SIGKILL of the host kills the running sandbox and the pre-started ones', async () => {
  const marker = `31${process.pid}.5`
  const script = join(directory, 'host.mjs')
  const sandboxModule = join(import.meta.dirname, '..', '..', '..', 'src', 'sandbox', 'index.ts')
  writeFileSync(
    script,
    `import { createSandbox } from ${JSON.stringify(sandboxModule)}\n` +
      `const sandbox = createSandbox({ prestart: 1, concurrency: 2 })\n` +
      `await sandbox.execute({ language: 'bash', source: 'sleep ${marker}', limits: { wallTime: 60, cpuTime: 30 } })\n`,
  )
  const host = spawn(process.execPath, [script], { stdio: 'ignore' })
  try {
    const deadline = Date.now() + 20_000
    while (hostProcessesMatching(marker).length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50))
    assert.ok(hostProcessesMatching(marker).length > 0, 'the sandboxed program started')
    // Give the pool a moment to pre-start its sandbox too.
    await new Promise((resolve) => setTimeout(resolve, 500))
    const tree = descendants(host.pid as number)
    assert.ok(tree.length >= 4, `bwrap and the sandboxed processes of both sandboxes: ${tree}`)
    host.kill('SIGKILL')
    assert.deepEqual(await waitForNoProcesses(marker, 10_000), [])
    const until = Date.now() + 10_000
    while (tree.some(alive) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50))
    assert.deepEqual(tree.filter(alive), [], 'every process the host started is gone')
  } finally {
    host.kill('SIGKILL')
  }
})
