import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sandboxConfigSchema } from '../config/sandbox.ts'
import { SandboxRequestError } from './errors.ts'
import { DEFAULT_COMPILE_LIMITS, DEFAULT_LIMITS, raisedLimits, resolveLimits } from './limits.ts'
import type { LanguageDefinition } from './types.ts'

const language: LanguageDefinition = {
  id: 'x',
  name: 'X',
  sourceFile: 'x',
  run: ['x'],
  judge0Ids: [],
  requires: [],
  debianPackages: [],
  set: 'core',
}

describe('resolveLimits', () => {
  it('uses the defaults for run and compile', () => {
    const config = sandboxConfigSchema.parse({})
    assert.deepEqual(resolveLimits('run', config, language, undefined), DEFAULT_LIMITS)
    assert.deepEqual(resolveLimits('compile', config, language, undefined), DEFAULT_COMPILE_LIMITS)
  })
  it('applies config defaults, language minimums, then the request', () => {
    const config = sandboxConfigSchema.parse({ limits: { cpuTime: 2 } })
    const jvm = { ...language, minimumLimits: { processes: 128 } }
    const limits = resolveLimits('run', config, jvm, { memory: 1000 })
    assert.equal(limits.cpuTime, 2)
    assert.equal(limits.processes, 128)
    assert.equal(limits.memory, 1000)
  })
  it("a language's minimum is a floor over a lower requested value (Judge0's defaults on the BEAM)", () => {
    const config = sandboxConfigSchema.parse({})
    const beam = { ...language, minimumLimits: { fileSize: 65536 } }
    const requested = { cpuTime: 5, memory: 128000, fileSize: 1024, stack: 64000, processes: 60 }
    const limits = resolveLimits('run', config, beam, requested)
    assert.equal(limits.fileSize, 65536)
    assert.equal(limits.memory, 128000)
    assert.deepEqual(raisedLimits(requested, limits), ['fileSize 1024 → 65536'])
    assert.deepEqual(
      raisedLimits({ fileSize: 100000 }, resolveLimits('run', config, beam, { fileSize: 100000 })),
      [],
    )
  })
  it('the configured maximum still caps a language minimum', () => {
    const config = sandboxConfigSchema.parse({ maxLimits: { fileSize: 2048 } })
    const beam = { ...language, minimumLimits: { fileSize: 65536 } }
    assert.equal(resolveLimits('run', config, beam, { fileSize: 1024 }).fileSize, 2048)
  })
  it('refuses values above the configured maximum, naming the field', () => {
    const config = sandboxConfigSchema.parse({ maxLimits: { wallTime: 5 } })
    assert.throws(
      () => resolveLimits('run', config, language, { wallTime: 6 }),
      (error: unknown) => {
        assert.ok(error instanceof SandboxRequestError)
        assert.equal(error.field, 'limits.wallTime')
        return true
      },
    )
    assert.equal(resolveLimits('run', config, language, undefined).wallTime, 5)
  })
  it('refuses non-positive values', () => {
    const config = sandboxConfigSchema.parse({})
    assert.throws(() => resolveLimits('compile', config, language, { cpuTime: 0 }), /compileLimits.cpuTime/)
    assert.throws(() => resolveLimits('run', config, language, { memory: Number.NaN }), /limits.memory/)
  })
})
