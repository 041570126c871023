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
