import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { findLanguage } from '../../sandbox/languages/index.ts'

const main = fileURLToPath(new URL('../main.ts', import.meta.url))
const verity = (...args: string[]) =>
  promisify(execFile)(process.execPath, [main, ...args], { timeout: 60_000 })

describe('verity languages', () => {
  it('lists every known language with --all --json, installed ones with a version', async () => {
    const { stdout } = await verity('languages', '--all', '--json')
    const rows = JSON.parse(stdout) as Array<{
      id: string
      version: string | null
      installed: boolean
      judge0Ids: number[]
      set: string
    }>
    const python = rows.find((row) => row.id === 'python')
    assert.ok(python?.installed)
    assert.match(python.version ?? '', /^3\./)
    assert.ok(python.judge0Ids.includes(71))
    assert.ok(rows.some((row) => row.set === 'extended'))
    for (const row of rows) {
      const versioned = findLanguage(row.id)?.versionCommand !== undefined
      if (row.installed && versioned) assert.notEqual(row.version, null, row.id)
      if (!row.installed) assert.equal(row.version, null, row.id)
    }
  })

  it('prints a table of the installed languages', async () => {
    const { stdout } = await verity('languages')
    const header = stdout.split('\n')[0]
    assert.match(header, /ID\s+NAME\s+VERSION\s+JUDGE0 IDS\s+SET/)
    assert.match(stdout, /✓\s+javascript\s+JavaScript \(Node\.js\)\s+\d+\.\d+\.\d+\s+63,93,97,102\s+core/)
    assert.doesNotMatch(stdout, /✗/)
  })
})
