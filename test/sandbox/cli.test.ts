/** `verity exec` and `verity doctor` through the real CLI. */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { after, describe, it } from 'node:test'

const MAIN = resolve(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts')
const directory = mkdtempSync(join(tmpdir(), 'verity-cli-'))
after(() => rmSync(directory, { recursive: true, force: true }))

function verity(args: string[], input?: string) {
  return spawnSync(process.execPath, [MAIN, ...args], {
    cwd: directory,
    input,
    encoding: 'utf8',
    timeout: 120_000,
  })
}

describe('verity exec', () => {
  it('prints the output and exits with the program exit code; the status goes to stderr', () => {
    const file = join(directory, 'prog.py')
    writeFileSync(file, 'import sys\nprint(sys.argv[1:], input())\nsys.exit(4)\n')
    const result = verity([
      'exec',
      '--language',
      'python',
      file,
      '--arg',
      'a b',
      '--arg',
      'c',
      '--stdin',
      'typed',
    ])
    assert.equal(result.stdout, "['a b', 'c'] typed\n")
    assert.equal(result.status, 4, result.stderr)
    assert.match(result.stderr, /Runtime Error \(NZEC\) \(nonzero-exit\)/)
  })

  it('--json prints the whole result with byte fields as UTF-8 or base64', () => {
    const result = verity(
      ['exec', '-l', 'bash', '-', '--json', '--time-limit', '2'],
      'printf "\\377"; echo hi >&2',
    )
    assert.equal(result.status, 0, result.stderr)
    const json = JSON.parse(result.stdout)
    assert.equal(json.status.id, 3)
    assert.deepEqual(json.stdout, { encoding: 'base64', data: '/w==', truncated: false })
    assert.deepEqual(json.stderr, { encoding: 'utf8', data: 'hi\n', truncated: false })
    assert.equal(typeof json.time, 'number')
  })

  it('a user mistake exits 2 without a stack trace', () => {
    const result = verity(['exec', '-l', 'no-such-language', '-'], 'x')
    assert.equal(result.status, 2)
    assert.match(result.stderr, /unknown language/)
    assert.doesNotMatch(result.stderr, /\n\s+at /)
  })
})

describe('verity doctor', () => {
  it('prints each check with ✓/✗ and exits 0 when isolation is ready', () => {
    const result = verity(['doctor'])
    assert.match(result.stdout, /✓ bubblewrap: /)
    assert.match(result.stdout, /cgroups: cgroup v[12]/)
    assert.equal(result.status, 0, result.stdout)
  })
})
