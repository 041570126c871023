/** Without bubblewrap untrusted code is refused with how to fix it; `isolation: none` runs but warns every time. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createSandbox, SandboxUnavailableError, UNSANDBOXED_WARNING } from '../../src/sandbox/index.ts'
import { TEST_LANGUAGES } from './helpers.ts'

describe('sandbox availability', () => {
  it('refuses to run anything when bubblewrap is missing, saying how to install it', async () => {
    const sandbox = createSandbox({ bwrap: '/nonexistent/bwrap', prestart: 0 }, { languages: TEST_LANGUAGES })
    try {
      await assert.rejects(
        sandbox.execute({ language: 'bash', source: 'echo should-not-run' }),
        (error: unknown) => {
          assert.ok(error instanceof SandboxUnavailableError)
          assert.equal(error.code, 'SANDBOX_UNAVAILABLE')
          assert.match(error.message, /refusing to run untrusted code/)
          assert.match(error.message, /apt-get install bubblewrap/)
          assert.match(error.message, /unprivileged_userns_clone/)
          return true
        },
      )
      const report = await sandbox.doctor()
      assert.equal(report.ready, false)
      assert.equal(report.checks[0]?.ok, false)
    } finally {
      await sandbox.close()
    }
  })

  it('isolation none runs, warns on every run, and doctor says it is not ready', async () => {
    const warnings: string[] = []
    const sandbox = createSandbox(
      { isolation: 'none', prestart: 0 },
      { languages: TEST_LANGUAGES, warn: (message) => warnings.push(message) },
    )
    try {
      for (let index = 0; index < 2; index++) {
        const result = await sandbox.execute({ language: 'bash', source: 'echo ran' })
        assert.equal(Buffer.from(result.stdout.bytes).toString(), 'ran\n')
      }
      assert.deepEqual(warnings, [UNSANDBOXED_WARNING, UNSANDBOXED_WARNING])
      const report = await sandbox.doctor()
      assert.equal(report.ready, false)
      assert.match(report.checks.find((check) => check.name === 'isolation')?.detail ?? '', /UNSANDBOXED/)
    } finally {
      await sandbox.close()
    }
  })

  it('doctor reports bubblewrap, user namespaces, seccomp and the cgroup version in use', async () => {
    const sandbox = createSandbox({ prestart: 0 }, { languages: TEST_LANGUAGES })
    try {
      const report = await sandbox.doctor()
      const names = report.checks.map((check) => check.name)
      for (const name of ['bubblewrap', 'user namespaces', 'seccomp', 'cgroups'])
        assert.ok(names.includes(name), name)
      assert.match(
        report.checks.find((check) => check.name === 'cgroups')?.detail ?? '',
        /cgroup v[12]|unavailable/,
      )
    } finally {
      await sandbox.close()
    }
  })
})
