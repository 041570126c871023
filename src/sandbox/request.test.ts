import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sandboxConfigSchema } from '../config/sandbox.ts'
import { SandboxRequestError } from './errors.ts'
import { FileBudget } from './files.ts'
import { DEFAULT_COMPILE_LIMITS, DEFAULT_LIMITS } from './limits.ts'
import { buildSupervisorRequest } from './request.ts'
import { RLIMIT } from './supervisor/protocol.ts'
import type { ExecuteRequest, LanguageDefinition } from './types.ts'

const c: LanguageDefinition = {
  id: 'c',
  name: 'C',
  sourceFile: 'main.c',
  compile: ['/usr/bin/gcc', '{compilerOptions}', 'main.c', '-lm'],
  run: ['./a.out', '{args}', '--end'],
  judge0Ids: [50],
  requires: [],
  debianPackages: [],
  set: 'core',
  env: { LANGUAGE_VAR: '1' },
  binds: { '/usr/local/bin/tool': '/host/tool' },
}
const config = sandboxConfigSchema.parse({})

function build(request: Partial<ExecuteRequest>, isolated = true, language = c) {
  return buildSupervisorRequest({
    request: { language: language.id, ...request },
    language,
    limits: DEFAULT_LIMITS,
    compileLimits: DEFAULT_COMPILE_LIMITS,
    budget: new FileBudget(config.maxFiles, 1024),
    config,
    isolated,
  })
}

describe('buildSupervisorRequest', () => {
  it('splices args and compiler options as argv elements, never a shell string', () => {
    const request = build({
      source: 'int main(){}',
      args: ['a b', '; rm -rf /'],
      compilerOptions: ['-O2', '-DX=1'],
    })
    assert.deepEqual(request.run.argv, ['./a.out', 'a b', '; rm -rf /', '--end'])
    assert.deepEqual(request.compile?.argv, ['/usr/bin/gcc', '-O2', '-DX=1', 'main.c', '-lm'])
  })
  it('appends args when the template has no {args}', () => {
    const request = build({ source: 'x', args: ['1'] }, true, { ...c, run: ['./a.out'] })
    assert.deepEqual(request.run.argv, ['./a.out', '1'])
  })
  it('writes the source under the language file name plus the extra files', () => {
    const request = build({ source: 'code', files: { 'data/in.txt': new Uint8Array([1, 2]) } })
    assert.deepEqual(
      request.files.map((file) => [file.name, Buffer.from(file.bytes).toString('hex')]),
      [
        ['main.c', Buffer.from('code').toString('hex')],
        ['data/in.txt', '0102'],
      ],
    )
  })
  it('builds the environment from a clean base, the language and the request only', () => {
    const request = build({ source: 'x', env: { MINE: 'yes' } })
    assert.equal(request.env.MINE, 'yes')
    assert.equal(request.env.LANGUAGE_VAR, '1')
    assert.equal(request.env.PATH, '/usr/local/bin:/usr/bin:/bin')
    assert.equal(request.env.HOME, '/box')
    assert.equal(Object.keys(request.env).length, 6)
  })
  it('sets CPU, file size, stack, core and open-files rlimits (never address space)', () => {
    const limits = Object.fromEntries(
      build({ source: 'x' }).run.rlimits.map((limit) => [limit.resource, limit.value]),
    )
    assert.deepEqual(limits, {
      [RLIMIT.cpu]: DEFAULT_LIMITS.cpuTime,
      [RLIMIT.fileSize]: DEFAULT_LIMITS.fileSize * 1024,
      [RLIMIT.stack]: DEFAULT_LIMITS.stack * 1024,
      [RLIMIT.core]: 0,
      [RLIMIT.openFiles]: 1024,
    })
  })
  it('replaces bound paths by their host paths when unsandboxed', () => {
    const tool = { ...c, compile: undefined, run: ['/usr/local/bin/tool', 'x'] }
    assert.deepEqual(build({ source: 'x' }, false, tool).run.argv, ['/host/tool', 'x'])
    assert.deepEqual(build({ source: 'x' }, true, tool).run.argv, ['/usr/local/bin/tool', 'x'])
  })
  it('refuses bad requests naming the field', () => {
    assert.throws(() => build({}), /source/)
    assert.throws(() => build({ source: 'x', files: { 'main.c': 'again' } }), /duplicate/)
    assert.throws(() => build({ source: 'x', args: ['a\0b'] }), /args/)
    assert.throws(() => build({ source: 'x', outputFiles: ['/etc/*'] }), /outputFiles/)
    assert.throws(() => build({ source: 'x', env: { 'BAD-NAME': '1' } }), SandboxRequestError)
    assert.throws(() => build({ source: 'x'.repeat(2000) }), /more than 1024 bytes/)
  })
})
