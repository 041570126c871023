// Conformance of the extended languages through the real sandbox; uninstalled ones are skipped with the reason.
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { after, it } from 'node:test'
import { createSandbox, STATUSES } from '../../src/sandbox/index.ts'
import { extendedLanguagePrograms } from './fixtures/language-programs-extended.ts'
import { languageConformance } from './language-conformance.ts'

await languageConformance('extended', extendedLanguagePrograms)

const dataPackages = ['numpy', 'pandas', 'scipy', 'sympy']
const missing = dataPackages.filter((name) => !existsSync(`/usr/lib/python3/dist-packages/${name}`))

it('python imports the data packages of the extended set', {
  skip: missing.length > 0 && `not installed: ${missing.map((name) => `python3-${name}`).join(' ')}`,
}, async () => {
  const sandbox = createSandbox({})
  after(() => sandbox.close())
  const source = [
    'import numpy, pandas, scipy.linalg, sympy',
    'frame = pandas.DataFrame({"x": numpy.arange(4)})',
    'print(int(frame.x.sum()), sympy.simplify("2*a - a"), round(float(scipy.linalg.det(numpy.eye(2))), 1))',
  ].join('\n')
  const result = await sandbox.execute({ language: 'python', source, limits: { wallTime: 30, cpuTime: 20 } })
  const stdout = Buffer.from(result.stdout.bytes).toString()
  assert.equal(result.status.id, STATUSES.ACCEPTED.id, Buffer.from(result.stderr.bytes).toString())
  assert.equal(stdout.trim(), '6 a 1.0')
})

// Judge0 clients send their default limits with every submission; max_file_size 1024 KB is below what the
// BEAM needs (its JIT maps a 64 MB file), so the language's minimum wins and the result says so.
for (const id of ['erlang', 'elixir']) {
  const installed = existsSync(id === 'erlang' ? '/usr/bin/erl' : '/usr/bin/elixir')
  it(`${id} runs under Judge0's default limits (its minimum file size wins)`, {
    skip: !installed && `${id} is not installed`,
  }, async () => {
    const sandbox = createSandbox({})
    after(() => sandbox.close())
    const source = id === 'erlang' ? 'main(_) -> io:format("ok~n").' : 'IO.puts("ok")'
    const judge0Defaults = {
      cpuTime: 5,
      wallTime: 10,
      memory: 128000,
      stack: 64000,
      processes: 60,
      fileSize: 1024,
    }
    const result = await sandbox.execute({ language: id, source, limits: judge0Defaults })
    assert.equal(
      result.status.id,
      STATUSES.ACCEPTED.id,
      `${result.message} ${Buffer.from(result.stderr.bytes)}`,
    )
    assert.equal(Buffer.from(result.stdout.bytes).toString().trim(), 'ok')
    assert.match(result.message ?? '', /raised to .*minimum: fileSize 1024 → 65536/)
  })
}
