import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { VerityError } from '../errors.ts'
import { FlowValidationError } from '../flow/index.ts'
import { loadConfig } from './index.ts'

const root = mkdtempSync(join(tmpdir(), 'verity-config-'))
after(() => rmSync(root, { recursive: true, force: true }))

function directory(name: string, files: Record<string, string> = {}): string {
  const path = join(root, name)
  mkdirSync(path, { recursive: true })
  for (const [file, text] of Object.entries(files)) writeFileSync(join(path, file), text)
  return path
}

describe('loadConfig', () => {
  it('uses defaults when there is no verity.yaml', () => {
    const cwd = directory('empty')
    const config = loadConfig({ cwd, env: {} })
    assert.equal(config.dataDir, join(cwd, '.verity'))
    assert.equal(config.file, undefined)
    assert.deepEqual(config.pluginDefaults, [])
    assert.equal(config.server.port, 8080)
    assert.equal(config.store.type, 'sqlite')
    assert.equal(config.sandbox.isolation, 'bubblewrap')
  })

  it('reads verity.yaml from cwd, resolves paths against its directory, fills section defaults', () => {
    const cwd = directory('project', {
      'verity.yaml': `dataDir: data
flowsDir: ./flows
pluginDefaults:
  - type: io.kestra.plugin.ai.provider
    values: { modelName: gemini-2.5-flash }
server:
  port: 9000
`,
    })
    const config = loadConfig({ cwd, env: {} })
    assert.equal(config.file, join(cwd, 'verity.yaml'))
    assert.equal(config.dataDir, join(cwd, 'data'))
    assert.equal(config.flowsDir, join(cwd, 'flows'))
    assert.deepEqual(config.pluginDefaults, [
      { type: 'io.kestra.plugin.ai.provider', values: { modelName: 'gemini-2.5-flash' }, forced: false },
    ])
    assert.equal(config.server.port, 9000)
    assert.equal(config.server.host, '127.0.0.1')
  })

  it('takes --config over $VERITY_CONFIG over ./verity.yaml, and $VERITY_HOME over dataDir', () => {
    const cwd = directory('choice', {
      'verity.yaml': 'dataDir: a\n',
      'other.yaml': 'dataDir: b\n',
      'env.yaml': 'dataDir: c\n',
    })
    assert.equal(loadConfig({ cwd, env: { VERITY_CONFIG: 'env.yaml' } }).dataDir, join(cwd, 'c'))
    assert.equal(
      loadConfig({ cwd, path: 'other.yaml', env: { VERITY_CONFIG: 'env.yaml' } }).dataDir,
      join(cwd, 'b'),
    )
    assert.equal(loadConfig({ cwd, env: { VERITY_HOME: '/var/lib/verity' } }).dataDir, '/var/lib/verity')
  })

  it('fails clearly for a missing explicit file', () => {
    const cwd = directory('missing')
    assert.throws(
      () => loadConfig({ cwd, path: 'nope.yaml', env: {} }),
      (error: unknown) =>
        error instanceof VerityError &&
        error.code === 'CONFIG' &&
        error.message === `cannot read configuration file ${join(cwd, 'nope.yaml')}: no such file`,
    )
  })

  it('reports every mistake with file:line:column, closest key for unknown ones', () => {
    const cwd = directory('bad', {
      'verity.yaml':
        'dataDir: 3\nservr:\n  port: 1\nserver:\n  port: high\npluginDefaults:\n  - values: {}\n',
    })
    const file = join(cwd, 'verity.yaml')
    assert.throws(
      () => loadConfig({ cwd, env: {} }),
      (error: unknown) => {
        assert.ok(error instanceof FlowValidationError)
        assert.equal(error.code, 'CONFIG')
        assert.deepEqual(error.message.split('\n'), [
          `${file}:1:10: expected a string, got number 3 (at dataDir)`,
          `${file}:2:1: unknown property 'servr'; did you mean server? (at servr)`,
          `${file}:5:9: expected a number, got 'high' (at server.port)`,
          `${file}:7:5: missing required property 'type' (at pluginDefaults[0].type)`,
        ])
        return true
      },
    )
  })

  it('reports malformed YAML with its position', () => {
    const cwd = directory('malformed', { 'verity.yaml': 'server:\n  port: [1\n' })
    assert.throws(() => loadConfig({ cwd, env: {} }), /verity\.yaml:\d+:\d+: invalid YAML/)
  })
})
