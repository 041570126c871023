/** Hostile code against the file system: host secrets stay invisible, writes stay inside, links never followed. */
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { after, describe, it } from 'node:test'
import { createSandbox } from '../../../src/sandbox/index.ts'
import { nextRunIsNormal, run, TEST_LANGUAGES, testSandbox } from '../helpers.ts'

const PROJECT = resolve(import.meta.dirname, '..', '..', '..')
const CANARY = `canary-${process.pid}-${Date.now()}`
process.env.VERITY_TEST_CANARY = CANARY
const sandbox = testSandbox()
after(() => sandbox.close())

async function assertNextRunNormal() {
  const next = await nextRunIsNormal(sandbox)
  assert.deepEqual([next.status.id, next.out], [3, 'ok 0 1\n'], next.err)
}

describe('hostile: file system', () => {
  it('cannot read /etc/shadow, the host home, the project, its data dir or the host /tmp', async () => {
    const hostTemporary = mkdtempSync(join(tmpdir(), 'verity-hostile-'))
    writeFileSync(join(hostTemporary, 'secret'), CANARY)
    try {
      const paths = [
        '/etc/shadow',
        '/etc/sudoers',
        '/root',
        '/home',
        homedir(),
        PROJECT,
        join(PROJECT, 'src'),
        join(PROJECT, '.verity'),
        join(PROJECT, 'package.json'),
        join(hostTemporary, 'secret'),
        '/work',
        '/var',
        '/run',
        '/sys/fs/cgroup',
      ]
      const result = await run(sandbox, {
        language: 'python',
        source: 'import os, sys, json\nprint(json.dumps([p for p in sys.argv[1:] if os.path.exists(p)]))',
        args: paths,
      })
      assert.equal(result.status.id, 3, result.err)
      // homedir() may be /root; the sandbox has neither.
      assert.deepEqual(JSON.parse(result.out), [])
    } finally {
      rmSync(hostTemporary, { recursive: true, force: true })
    }
    await assertNextRunNormal()
  })

  it("cannot see the host's environment, anywhere", async () => {
    const result = await run(sandbox, {
      language: 'bash',
      source:
        'env; cat /proc/self/environ /proc/1/environ 2>/dev/null | tr "\\0" "\\n"; ls /proc | grep -c "^[0-9]"',
    })
    assert.ok(!result.out.includes(CANARY), 'host env leaked')
    assert.ok(!result.out.includes('npm_'), 'npm env leaked')
    // A fresh /proc of its own pid namespace: a handful of processes, not the host's hundreds.
    const processes = Number(result.out.trim().split('\n').at(-1))
    assert.ok(processes < 10, `${processes} processes visible`)
  })

  it('cannot write outside the work dir and the fresh /tmp', async () => {
    const targets = [
      '/usr/evil',
      '/etc/evil',
      '/evil',
      '/opt/verity/evil',
      '/usr/local/bin/evil',
      '/proc/sys/kernel/hostname',
      '/dev/evil',
    ]
    const result = await run(sandbox, {
      language: 'python',
      source:
        'import sys\nfor p in sys.argv[1:]:\n    try:\n        open(p, "w").write("x"); print("WROTE", p)\n    except OSError as e: print("refused", p, e.errno)',
      args: targets,
    })
    assert.ok(!result.out.includes('WROTE'), result.out)
    assert.equal(result.out.trim().split('\n').length, targets.length)
    for (const target of targets)
      assert.ok(!existsSync(target) || target.startsWith('/proc') || target.startsWith('/dev'), target)
  })

  it('symlinks planted in the work dir (Judge0 CVE-2024-28185/28189) are never followed by the host', async () => {
    const result = await run(sandbox, {
      language: 'bash',
      source: [
        'ln -s /etc/passwd stdout.txt',
        'ln -s / root-link',
        'ln -s /proc/1/root/etc/hostname host.txt',
        'mkdir real && ln -s ../root-link real/escape',
        'echo fine > ok.txt',
      ].join('\n'),
      outputFiles: ['*', '*/*', 'root-link/etc/*'],
    })
    assert.equal(result.status.id, 3, result.err)
    // Only the regular files: the source and ok.txt; no link, nothing reached through one.
    assert.deepEqual(result.outputFiles.map((file) => file.name).sort(), ['ok.txt', 'script.sh'])
    await assertNextRunNormal()
  })

  it('the run dir is discarded without following links (even unsandboxed)', async () => {
    const hostDirectory = mkdtempSync(join(tmpdir(), 'verity-canary-'))
    const hostFile = join(hostDirectory, 'keep.txt')
    writeFileSync(hostFile, CANARY)
    const unsandboxed = createSandbox(
      { isolation: 'none', prestart: 0 },
      { languages: TEST_LANGUAGES, warn: () => {} },
    )
    try {
      const result = await unsandboxed.execute({
        language: 'bash',
        source: 'ln -s "$1" dir-link; ln -s "$2" file-link; mkdir d; ln -s "$1" d/inner',
        args: [hostDirectory, hostFile],
      })
      assert.equal(result.status.id, 3)
      assert.equal(readFileSync(hostFile, 'utf8'), CANARY)
    } finally {
      await unsandboxed.close()
      rmSync(hostDirectory, { recursive: true, force: true })
    }
  })

  it('files left in /tmp, /dev/shm or the work dir are gone for the next run', async () => {
    const first = await run(sandbox, {
      language: 'bash',
      source: 'echo x > /tmp/leftover; echo x > /dev/shm/leftover; echo x > leftover; ls /tmp /dev/shm .',
    })
    assert.equal(first.status.id, 3, first.err)
    const second = await run(sandbox, {
      language: 'bash',
      source: 'ls -A /tmp /dev/shm . | grep -c leftover || true',
    })
    assert.equal(second.out.trim(), '0')
    await assertNextRunNormal()
  })
})

describe('hostile: output collection', () => {
  it('a daemon that keeps making files cannot hang the collection of output files', async () => {
    const result = await run(sandbox, {
      language: 'bash',
      source: '(i=0; while :; do mkdir -p "d$i" && touch "d$i/f"; i=$((i+1)); done) & sleep 0.2; echo done',
      outputFiles: ['*/f'],
    })
    assert.equal(result.status.id, 3, result.err)
    assert.equal(result.out, 'done\n')
    assert.ok(result.outputFiles.length <= 32)
    await assertNextRunNormal()
  })
})
