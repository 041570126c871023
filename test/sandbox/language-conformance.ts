/**
 * The per-language conformance suite, run through the real sandbox: hello world, stdin, argv, a compile error
 * (status 6 with the compiler's message), a runtime error (its runtime-error status), an infinite loop (status 5).
 * One table of programs (fixtures/language-programs*.ts), one loop. Languages whose toolchain is missing fail
 * when they belong to the core set (setup and CI install it) and are skipped with the reason otherwise.
 * `VERITY_TEST_LANGUAGES=java,go` runs only those languages.
 */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { createSandbox, type ExecuteRequest, type ExecuteResult, STATUSES } from '../../src/sandbox/index.ts'
import { allLanguages, listLanguages } from '../../src/sandbox/languages/index.ts'
import type { LanguageDefinition } from '../../src/sandbox/types.ts'
import { ARGUMENTS, HELLO_OUTPUT, type LanguagePrograms, STDIN_LINE } from './fixtures/language-programs.ts'

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8')

/** Everything a failed assertion needs to explain itself. */
function describeResult(result: ExecuteResult): string {
  return JSON.stringify({
    status: result.status,
    reason: result.reason,
    message: result.message,
    exitCode: result.exitCode,
    signal: result.signal,
    stdout: text(result.stdout.bytes).slice(0, 500),
    stderr: text(result.stderr.bytes).slice(0, 1000),
    compileOutput: result.compileOutput ? text(result.compileOutput.bytes).slice(0, 1000) : undefined,
  })
}

/** Declares the suite for every registry language of `set`, with programs from `programs`. */
export async function languageConformance(
  set: LanguageDefinition['set'],
  programs: Record<string, LanguagePrograms>,
): Promise<void> {
  const installed = new Map((await listLanguages()).map((language) => [language.id, language]))
  const sandbox = createSandbox({})
  after(() => sandbox.close())
  const execute = async (request: ExecuteRequest, expectedStatus: number): Promise<ExecuteResult> => {
    const result = await sandbox.execute(request)
    assert.equal(result.status.id, expectedStatus, describeResult(result))
    return result
  }

  // VERITY_TEST_LANGUAGES=java,go narrows a local run to some languages (CI runs them all).
  const selected = process.env.VERITY_TEST_LANGUAGES?.split(',').map((id) => id.trim())
  for (const language of allLanguages().filter((candidate) => candidate.set === set)) {
    const cases = programs[language.id]
    if (selected !== undefined && !selected.includes(language.id)) {
      it(language.id, { skip: 'not in VERITY_TEST_LANGUAGES' })
      continue
    }
    if (!installed.has(language.id)) {
      if (set === 'core') {
        it(`${language.id} is installed (core language: run scripts/setup)`, () => {
          assert.fail(`${language.name} is missing: apt-get install ${language.debianPackages.join(' ')}`)
        })
      } else {
        it(language.id, {
          skip: `not installed (scripts/setup --all installs ${language.debianPackages.join(' ')})`,
        })
      }
      continue
    }
    const version = installed.get(language.id)?.version
    describe(version === undefined ? language.id : `${language.id} (${version})`, () => {
      it('has conformance programs', () => assert.ok(cases, `add ${language.id} to the fixtures`))
      if (!cases) return
      const run = (source: string, extra: Partial<ExecuteRequest> = {}) => ({
        language: language.id,
        source,
        ...extra,
      })

      it('hello world', async () => {
        const result = await execute(run(cases.hello), STATUSES.ACCEPTED.id)
        assert.equal(text(result.stdout.bytes).trim(), HELLO_OUTPUT, describeResult(result))
      })
      if (cases.echo !== undefined) {
        it('echoes stdin', async () => {
          const result = await execute(
            run(cases.echo!, { stdin: `${STDIN_LINE}\nsecond line\n` }),
            STATUSES.ACCEPTED.id,
          )
          assert.equal(text(result.stdout.bytes).trim(), STDIN_LINE, describeResult(result))
        })
      }
      if (cases.args !== undefined) {
        it('receives argv unchanged', async () => {
          const result = await execute(run(cases.args!, { args: ARGUMENTS }), STATUSES.ACCEPTED.id)
          assert.deepEqual(text(result.stdout.bytes).trimEnd().split('\n'), ARGUMENTS, describeResult(result))
        })
      }
      if (cases.compileError !== undefined) {
        it('reports a compile error with the compiler message', async () => {
          const { source, message } = cases.compileError!
          const result = await execute(run(source), STATUSES.COMPILATION_ERROR.id)
          assert.match(text(result.compileOutput?.bytes ?? new Uint8Array()), message, describeResult(result))
        })
      }
      if (cases.runtimeError !== undefined) {
        it('reports a runtime error', async () => {
          await execute(run(cases.runtimeError!), cases.runtimeErrorStatus ?? STATUSES.RUNTIME_ERROR_NZEC.id)
        })
      }
      if (cases.infiniteLoop !== undefined) {
        it('stops an infinite loop', async () => {
          // The CPU limit is what stops the loop; the wall limit leaves room for a JVM starting on a loaded
          // machine, and the compile step (scalac, kotlinc) gets the maximum so a slow compiler is not the verdict.
          const limits = { cpuTime: 1, wallTime: 8 }
          const result = await execute(
            run(cases.infiniteLoop!, { limits, compileLimits: { cpuTime: 60, wallTime: 120 } }),
            STATUSES.TIME_LIMIT_EXCEEDED.id,
          )
          assert.ok(
            ['cpu-time-exceeded', 'wall-time-exceeded'].includes(result.reason),
            describeResult(result),
          )
          // Stopped at its limit, not long after (the kill is prompt).
          assert.ok(result.wallTime < limits.wallTime + 2, describeResult(result))
        })
      }
    })
  }
}
