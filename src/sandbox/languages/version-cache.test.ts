import assert from 'node:assert/strict'
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { LanguageDefinition } from '../types.ts'
import { detectLanguage } from './detect.ts'
import { VersionCache } from './version-cache.ts'

let dir: string
let tool: string
let runs: string
let fake: LanguageDefinition

/** A fake toolchain whose version command counts how often it ran. */
async function writeTool(version: string): Promise<void> {
  await writeFile(tool, `#!/bin/sh\necho run >> '${runs}'\necho "fake ${version}"\n`)
  await chmod(tool, 0o755)
}

async function runCount(): Promise<number> {
  return (await readFile(runs, 'utf8').catch(() => '')).split('\n').filter(Boolean).length
}

describe('persistent version cache', () => {
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'verity-version-cache-'))
    tool = join(dir, 'fakec')
    runs = join(dir, 'runs.log')
    fake = {
      id: 'fake-cached',
      name: 'Fake',
      sourceFile: 'main.fake',
      run: [tool],
      judge0Ids: [],
      versionCommand: [tool, '--version'],
      requires: [tool],
      debianPackages: [],
      set: 'extended',
    }
    await writeTool('1.2.3')
  })
  after(() => rm(dir, { recursive: true, force: true }))

  it('runs the version command once across processes, then reads the file', async () => {
    const path = join(dir, 'cache', 'versions.json')
    assert.equal((await detectLanguage(fake, new VersionCache(path)))?.version, '1.2.3')
    assert.equal(await runCount(), 1)
    // A new VersionCache is what a new process sees: only the file.
    assert.equal((await detectLanguage(fake, new VersionCache(path)))?.version, '1.2.3')
    assert.equal(await runCount(), 1)
    const stored = JSON.parse(await readFile(path, 'utf8'))
    assert.equal(stored.languages['fake-cached'].version, '1.2.3')
  })

  it('detects again when the binary is upgraded', async () => {
    const path = join(dir, 'upgrade.json')
    await detectLanguage(fake, new VersionCache(path))
    const before = await runCount()
    await writeTool('1.2.40')
    assert.equal((await detectLanguage(fake, new VersionCache(path)))?.version, '1.2.40')
    assert.equal(await runCount(), before + 1)
  })

  it('detects again when the version command changes', async () => {
    const path = join(dir, 'command.json')
    await detectLanguage(fake, new VersionCache(path))
    const before = await runCount()
    await detectLanguage({ ...fake, versionCommand: [tool, '-v'] }, new VersionCache(path))
    assert.equal(await runCount(), before + 1)
  })

  it('does not cache a failed version command, and survives a corrupt or unwritable file', async () => {
    const corrupt = join(dir, 'corrupt.json')
    await writeFile(corrupt, '{not json')
    const broken = { ...fake, id: 'fake-broken', versionCommand: ['/bin/sh', '-c', 'exit 1'] }
    assert.equal((await detectLanguage(broken, new VersionCache(corrupt)))?.version, undefined)
    assert.equal(await readFile(corrupt, 'utf8'), '{not json')
    assert.equal((await detectLanguage(fake, new VersionCache(corrupt)))?.version, '1.2.40')
    // A directory that cannot be created (its parent is a file): detection still answers.
    const unwritable = join(corrupt, 'cache', 'versions.json')
    assert.equal((await detectLanguage(fake, new VersionCache(unwritable)))?.version, '1.2.40')
  })

  it('keeps entries written by another process', async () => {
    const path = join(dir, 'shared.json')
    const first = new VersionCache(path)
    const second = new VersionCache(path)
    await first.get('a', 'x')
    await second.set('b', 'fp-b', '2.0')
    await first.set('a', 'fp-a', '1.0')
    const fresh = new VersionCache(path)
    assert.equal(await fresh.get('a', 'fp-a'), '1.0')
    assert.equal(await fresh.get('b', 'fp-b'), '2.0')
    assert.equal(await fresh.get('b', 'other fingerprint'), undefined)
  })
})
