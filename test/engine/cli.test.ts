import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { parseKvValue } from '../../src/cli/commands/kv.ts'
import { createStore } from '../../src/store/index.ts'

const MAIN = join(import.meta.dirname, '../../src/cli/main.ts')
let dir: string

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'verity-cli-'))
  await writeFile(
    join(dir, 'hello.yaml'),
    `id: hello
namespace: test.cli
inputs:
  - id: name
    type: STRING
  - id: times
    type: INT
    defaults: 1
tasks:
  - id: greet
    type: io.kestra.plugin.core.debug.Return
    format: "Hello {{ inputs.name }} x{{ inputs.times }}"
  - id: say
    type: io.kestra.plugin.core.log.Log
    message: "{{ outputs.greet.value }}"
outputs:
  - id: greeting
    type: STRING
    value: "{{ outputs.greet.value }}"
`,
  )
  await writeFile(
    join(dir, 'failing.yaml'),
    'id: failing\nnamespace: test.cli\ntasks:\n  - id: no\n    type: io.kestra.plugin.core.execution.Fail\n',
  )
  await writeFile(
    join(dir, 'malformed.yaml'),
    'id: bad\nnamespace: test.cli\ntasks:\n  - id: x\n    type: [unclosed\n',
  )
  await writeFile(
    join(dir, 'unknown.yaml'),
    'id: unknown\nnamespace: test.cli\ntasks:\n  - id: x\n    type: io.kestra.plugin.core.log.Logg\n    message: hi\n',
  )
})
after(() => rm(dir, { recursive: true, force: true }))

async function countExecutions(): Promise<number> {
  const store = await createStore({ type: 'sqlite' }, join(dir, 'data'))
  try {
    return (await store.executions.list({})).total
  } finally {
    await store.close()
  }
}

function verity(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      cwd: dir,
      env: { ...process.env, VERITY_HOME: join(dir, 'data') },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

test('run: success prints outputs, streams logs as time task level message, exit 0', async () => {
  const { code, stdout, stderr } = await verity(
    'run',
    'hello.yaml',
    '--input',
    'name=Ada',
    '--input',
    'times=2',
  )
  assert.equal(code, 0, stderr)
  assert.deepEqual(JSON.parse(stdout), { greeting: 'Hello Ada x2' })
  assert.match(stderr, /^\d\d:\d\d:\d\d\.\d{3} say INFO Hello Ada x2$/m)
  assert.match(stderr, /Execution \w+ SUCCESS in/)
})

test('run --json prints exactly one JSON object with the execution and its task runs', async () => {
  await writeFile(join(dir, 'inputs.json'), JSON.stringify({ name: 'Bob', times: 3 }))
  const { code, stdout } = await verity(
    'run',
    'hello.yaml',
    '--inputs-file',
    'inputs.json',
    '--input',
    'times=4',
    '--json',
  )
  assert.equal(code, 0)
  const execution = JSON.parse(stdout)
  assert.equal(execution.state, 'SUCCESS')
  assert.equal(execution.flowId, 'hello')
  assert.equal(execution.namespace, 'test.cli')
  assert.deepEqual(execution.inputs, { name: 'Bob', times: 4 })
  assert.deepEqual(execution.outputs, { greeting: 'Hello Bob x4' })
  assert.deepEqual(
    execution.taskRuns.map((run: { taskId: string; state: string }) => [run.taskId, run.state]),
    [
      ['greet', 'SUCCESS'],
      ['say', 'SUCCESS'],
    ],
  )
  const greet = execution.taskRuns[0]
  assert.equal(greet.attempts.length, 1)
  assert.ok(greet.id && greet.startDate && greet.endDate)
  assert.deepEqual(greet.outputs, { value: 'Hello Bob x4' })

  const shown = await verity('executions', 'show', execution.id)
  assert.equal(shown.code, 0)
  assert.match(shown.stdout, /State {5}SUCCESS/)
  assert.match(shown.stdout, /^ {2}greet {2}SUCCESS {2}\d+ms$/m)
  const logs = await verity('executions', 'logs', execution.id)
  assert.match(logs.stdout, /say INFO Hello Bob x4/)
  const list = await verity('executions', 'list', '--flow', 'hello')
  assert.match(list.stdout, new RegExp(`^${execution.id} {2}SUCCESS`, 'm'))
})

test('a FAILED execution exits 1', async () => {
  const { code, stderr } = await verity('run', 'failing.yaml')
  assert.equal(code, 1)
  assert.match(stderr, /no ERROR Task failure/)
})

test('bad input exits 2 with a clear error and writes nothing', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['run', 'malformed.yaml'], /malformed\.yaml:\d+:\d+/],
    [
      ['run', 'unknown.yaml'],
      /unknown\.yaml:5:11: unknown task type 'io\.kestra\.plugin\.core\.log\.Logg'.*io\.kestra\.plugin\.core\.log\.Log/,
    ],
    [['run', 'hello.yaml'], /input 'name': missing required STRING/],
    [
      ['run', 'hello.yaml', '--input', 'name=x', '--input', 'times=many'],
      /input 'times': expected INT, value 'many'/,
    ],
    [['run', 'hello.yaml', '--input', 'name=x', '--input', 'nope=1'], /input 'nope': unknown input/],
    [['run', 'hello.yaml', '--inputs-file', 'huge.json'], /more than the \d+ allowed/],
    [['run', 'hello.yaml', '--input', 'novalue'], /--input novalue: expected key=value/],
    [['run', 'missing.yaml'], /missing\.yaml: cannot read the flow: ENOENT/],
    [['run'], /missing required argument/],
  ]
  await writeFile(join(dir, 'huge.json'), JSON.stringify({ name: 'x'.repeat(2_000_000) }))
  const before = await countExecutions()
  for (const [args, expected] of cases) {
    const { code, stderr, stdout } = await verity(...args)
    assert.equal(code, 2, `${args.join(' ').slice(0, 60)} → ${code}: ${stderr}`)
    assert.match(stderr, expected)
    assert.ok(!stderr.includes('    at '), 'no stack trace')
    assert.equal(stdout, '')
  }
  assert.equal(await countExecutions(), before, 'no execution was stored')
})

test('kv set/get/list/delete: JSON values, secrets hidden, ttl', async () => {
  assert.equal((await verity('kv', 'set', 'test.cli', 'limits', '{"max": 10}')).code, 0)
  assert.equal((await verity('kv', 'set', 'test.cli', 'pw', 's3cret', '--secret', '--ttl', 'P1D')).code, 0)
  assert.equal((await verity('kv', 'get', 'test.cli', 'limits')).stdout, '{"max":10}\n')
  const list = await verity('kv', 'list', 'test.cli')
  assert.match(list.stdout, /^limits\t\{"max":10\}$/m)
  assert.match(list.stdout, /^pw\t\*{6} {2}\[secret\] {2}\(expires /m)
  assert.ok(!list.stdout.includes('s3cret'))
  assert.equal((await verity('kv', 'delete', 'test.cli', 'limits')).code, 0)
  const missing = await verity('kv', 'get', 'test.cli', 'limits')
  assert.equal(missing.code, 2)
  assert.match(missing.stderr, /KV key 'limits' not found in namespace 'test.cli'/)
})

test('parseKvValue: JSON when valid, else the text', () => {
  assert.deepEqual(parseKvValue('{"a": [1, true]}'), { a: [1, true] })
  assert.equal(parseKvValue('42'), 42)
  assert.equal(parseKvValue('"quoted"'), 'quoted')
  assert.equal(parseKvValue('plain text'), 'plain text')
})

test('--help of run, kv and executions shows examples', async () => {
  for (const command of ['run', 'executions']) {
    const { code, stdout } = await verity(command, '--help')
    assert.equal(code, 0)
    assert.match(stdout, /Examples:\n {2}\$ verity /)
  }
})

test('--version prints the version of package.json', async () => {
  const { code, stdout } = await verity('--version')
  assert.equal(code, 0)
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
  assert.equal(stdout, `${version}\n`)
})

test('bin/verity.js under an older system Node hands over to the pinned Node 24', async (t) => {
  const systemNode = '/usr/bin/node'
  const version = spawnSync(systemNode, ['--version'], { encoding: 'utf8' }).stdout ?? ''
  if (!/^v(1\d|2[0-3])\./.test(version))
    return t.skip(`no Node older than 24 at ${systemNode} (${version.trim()})`)
  const bin = join(import.meta.dirname, '../../bin/verity.js')
  const result = spawnSync(systemNode, [bin, 'validate', join(dir, 'hello.yaml')], { encoding: 'utf8' })
  assert.equal(result.status, 0, result.stderr)
  assert.match(result.stdout, /✓ .*hello\.yaml \(flow test\.cli\.hello\)/)
})

test('a closed stdout (verity … | head) ends the command quietly', async () => {
  const child = spawn(process.execPath, [MAIN, 'schema'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  child.stdout.once('data', () => child.stdout.destroy())
  const code = await new Promise((resolve) => child.on('close', resolve))
  assert.equal(stderr, '')
  assert.equal(code, 0)
})

test('server --roles names the unknown role and the known ones (exit 2)', async () => {
  const { code, stderr } = await verity('server', '--roles', 'api,bogus')
  assert.equal(code, 2)
  assert.match(stderr, /unknown role bogus; roles are api, executor, worker/)
})
