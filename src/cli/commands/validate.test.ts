import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const main = fileURLToPath(new URL('../main.ts', import.meta.url))
const examples = fileURLToPath(new URL('../../../examples/', import.meta.url))
const directory = mkdtempSync(join(tmpdir(), 'verity-validate-'))
after(() => rmSync(directory, { recursive: true, force: true }))

function verity(...args: string[]) {
  const env = { ...process.env, VERITY_CONFIG: '', VERITY_HOME: '' }
  const result = spawnSync(process.execPath, [main, ...args], { cwd: directory, env, encoding: 'utf8' })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('verity validate', () => {
  // One run over several files keeps the test fast (each run loads every plugin).
  it('prints every error as file:line:column, a ✓ per valid flow, and exits 2 when any file is invalid', () => {
    writeFileSync(
      join(directory, 'bad.yaml'),
      'id: bad\nnamespace: company.ai\ntasks:\n  - id: a\n    type: io.kestra.plugin.ai.agent.AIAgnet\n  - id: a\n    type: io.kestra.plugin.ai.agent.AIAgent\n    prompt: hi {{ inputs. }}\n',
    )
    writeFileSync(join(directory, 'broken.yaml'), 'id: x\ntasks: [\n')
    // A directory stands for the YAML files under it: here, copies of the two seed flows.
    mkdirSync(join(directory, 'flows', 'nested'), { recursive: true })
    copyFileSync(join(examples, 'calculator_agent.yaml'), join(directory, 'flows', 'calculator_agent.yaml'))
    copyFileSync(
      join(examples, 'sha256_comparison.yaml'),
      join(directory, 'flows', 'nested', 'sha256_comparison.yaml'),
    )
    const result = verity('validate', 'bad.yaml', 'missing.yaml', 'broken.yaml', 'flows')
    assert.equal(result.code, 2)
    const lines = result.stdout.trim().split('\n')
    assert.equal(
      lines[0],
      "bad.yaml:5:11: unknown task type 'io.kestra.plugin.ai.agent.AIAgnet'; did you mean io.kestra.plugin.ai.agent.AIAgent? (at tasks[0].type)",
    )
    assert.ok(lines.includes("bad.yaml:6:5: missing required property 'provider' (at tasks[1].provider)"))
    assert.ok(
      lines.some((line) => /^bad\.yaml:6:9: duplicate task id 'a': also defined at bad\.yaml:4:9/.test(line)),
    )
    assert.ok(lines.some((line) => /^bad\.yaml:8:\d+: invalid expression: /.test(line)))
    assert.ok(lines.some((line) => /^missing\.yaml:1:1: cannot read: /.test(line)))
    assert.ok(lines.some((line) => /^broken\.yaml:\d+:\d+: invalid YAML: /.test(line)))
    assert.match(result.stdout, /^✓ flows\/calculator_agent\.yaml \(flow company\.ai\.calculator_agent\)$/m)
    assert.match(
      result.stdout,
      /^✓ flows\/nested\/sha256_comparison\.yaml \(flow company\.ai\.sha256_comparison\)$/m,
    )
    assert.match(result.stderr, /3 of 5 file\(s\) invalid/)
  })
})

describe('verity schema', () => {
  it('writes the JSON Schema to --output', () => {
    const output = join(directory, 'schema.json')
    const result = verity('schema', '--output', output)
    assert.equal(result.code, 0, result.stderr)
    const schema = JSON.parse(readFileSync(output, 'utf8'))
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#')
    assert.ok(schema.definitions['io.kestra.plugin.ai.agent.AIAgent'])
  })
})
