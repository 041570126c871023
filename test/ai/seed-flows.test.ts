import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { startFakeGemini } from '../fakes/gemini.ts'
import type { FakeLlm } from '../fakes/llm-script.ts'
import { HALLUCINATED_SHA256, seedModel } from './seed-model.ts'

const run = promisify(execFile)
const root = fileURLToPath(new URL('../../', import.meta.url))
const cli = join(root, 'src/cli/main.ts')

interface RunJson {
  id: string
  state: string
  taskRuns: { taskId: string; state: string; outputs: Record<string, unknown> }[]
}

interface AgentOutputs {
  textOutput: string
  toolExecutions: {
    requestName: string
    requestArguments: { language: string; code: string }
    result: string
  }[]
}

/**
 * Acceptance of issue 5: the seed flows, byte-for-byte, run with `verity run` against a Gemini-compatible fake
 * (forced pluginDefault `baseUrl`) and the local sandbox (forced `executor: local`); the code the model asks for
 * really runs, so `toolExecutions[0].result` holds the true square root and the true SHA-256.
 */
describe('seed flows through the real CLI, a fake Gemini and the real sandbox', () => {
  let gemini: FakeLlm
  let directory: string
  let config: string
  const verity = async (...args: string[]) =>
    run(process.execPath, [cli, '--config', config, ...args], { cwd: directory, timeout: 120_000 })

  before(async () => {
    gemini = await startFakeGemini(Array.from({ length: 10 }, () => seedModel))
    directory = mkdtempSync(join(tmpdir(), 'verity-seed-'))
    config = join(directory, 'verity.yaml')
    writeFileSync(
      config,
      [
        'dataDir: ./data',
        'pluginDefaults:',
        '  - type: io.kestra.plugin.ai.provider.GoogleGemini',
        '    forced: true',
        '    values:',
        `      baseUrl: ${gemini.url}/v1beta`,
        '  - type: io.kestra.plugin.ai.tool.CodeExecution',
        '    forced: true',
        '    values:',
        '      executor: local',
        '',
      ].join('\n'),
    )
    await verity('kv', 'set', 'company.ai', 'GEMINI_API_KEY', 'fake-gemini-key')
    await verity('kv', 'set', 'company.ai', 'RAPID_API_KEY', 'unused-rapidapi-key')
  })
  after(async () => {
    await gemini.close()
    rmSync(directory, { recursive: true, force: true })
  })

  it('calculator_agent: the square root of 1764 is computed in the sandbox: 42', async () => {
    const { stdout, stderr } = await verity('run', join(root, 'examples/calculator_agent.yaml'), '--json')
    const execution = JSON.parse(stdout) as RunJson
    assert.equal(execution.state, 'SUCCESS')
    // The streamed logs tell what happened without opening the execution: the code's result, then the answer.
    assert.match(
      stderr,
      /agent INFO agent: execute_code → \{"status":"Accepted","statusId":3,"exitCode":0,"stdout":"42\\n"/,
    )
    assert.match(
      stderr,
      /agent INFO agent: answered \(STOP, \d+ tokens, 1 tool call\): The square root of 1764 is 42\./,
    )
    const outputs = execution.taskRuns.find((taskRun) => taskRun.taskId === 'agent')
      ?.outputs as unknown as AgentOutputs
    assert.equal(outputs.toolExecutions.length, 1)
    assert.equal(outputs.toolExecutions[0]?.requestArguments.code, 'console.log(Math.sqrt(1764));')
    const result = JSON.parse(outputs.toolExecutions[0]?.result ?? '{}')
    assert.equal(result.stdout, '42\n')
    assert.equal(result.status, 'Accepted')
    assert.equal(result.exitCode, 0)
    assert.equal(outputs.textOutput, 'The square root of 1764 is 42.')
    const request = gemini.modelRequests().at(-2)
    assert.equal(request?.headers['x-goog-api-key'], 'fake-gemini-key')
    assert.match(request?.path ?? '', /\/v1beta\/models\/gemini-2\.5-flash:generateContent/)

    // `verity executions show` prints the agent's turns; the API key is in no trace.
    const shown = (await verity('executions', 'show', execution.id)).stdout
    assert.match(shown, /▶ agent → gemini-2\.5-flash \(call 1, tools: execute_code\)/)
    assert.match(shown, /user: "What is the square root of 1764\?"/)
    assert.match(
      shown,
      /execute_code\(\{"language":"javascript","code":"console\.log\(Math\.sqrt\(1764\)\);"\}\)/,
    )
    assert.match(shown, /⚙ local javascript: Accepted, exit 0/)
    assert.match(shown, /stdout: 42/)
    assert.match(shown, /"The square root of 1764 is 42\."/)
    const traces = (await verity('executions', 'show', execution.id, '--json')).stdout
    assert.equal(traces.includes('fake-gemini-key'), false)
  })

  it('sha256_comparison: the LLM-only hash is whatever it says, the tool hash is the true SHA-256', async () => {
    const { stdout } = await verity('run', join(root, 'examples/sha256_comparison.yaml'), '--json')
    const execution = JSON.parse(stdout) as RunJson
    assert.equal(execution.state, 'SUCCESS')
    const truth = createHash('sha256').update('LLMs cannot reliably compute SHA-256').digest('hex')
    const llmOnly = execution.taskRuns.find((taskRun) => taskRun.taskId === 'llm_hash')
      ?.outputs as unknown as AgentOutputs
    assert.equal(JSON.parse(llmOnly.textOutput).sha256, HALLUCINATED_SHA256)
    const judge0 = execution.taskRuns.find((taskRun) => taskRun.taskId === 'judge0_hash')
      ?.outputs as unknown as AgentOutputs
    const result = JSON.parse(judge0.toolExecutions[0]?.result ?? '{}')
    assert.equal(result.stdout, `${truth}\n`)
    assert.deepEqual(JSON.parse(judge0.textOutput), {
      input: 'LLMs cannot reliably compute SHA-256',
      sha256: truth,
    })
  })
})
