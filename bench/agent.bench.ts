/**
 * Agent benchmark (`npm run bench:agent`): one AIAgent run with one CodeExecution call (a zero-latency fake Gemini
 * on localhost asks for `console.log(Math.sqrt(1764))`, then answers), run by Verity's engine on SQLite with the
 * real sandbox. Baseline, in the same run: a bare AI SDK `generateText` loop with the same provider library, the
 * same fake server and a tool calling the same sandbox's `execute`. Goal: Verity's task duration ≤ baseline + 10%.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createGoogleGenerativeAI } from '@ai-sdk/google'
import { generateText, jsonSchema, stepCountIs, tool } from 'ai'
import { createEngine } from '../src/engine/index.ts'
import { parseFlow } from '../src/flow/index.ts'
import { aiAgent } from '../src/plugins/ai/agent.ts'
import { createDefaultRegistry } from '../src/plugins/index.ts'
import { MemoryQueue } from '../src/queue/index.ts'
import { createSandbox } from '../src/sandbox/index.ts'
import { createStore } from '../src/store/index.ts'
import { testRunContext } from '../test/ai/run-context.ts'
import { startFakeGemini } from '../test/fakes/gemini.ts'
import type { RecordedRequest } from '../test/fakes/http.ts'
import type { FakeTurn } from '../test/fakes/llm-script.ts'

const RUNS = Number(process.env.RUNS ?? 15)
const WARMUP = 3
const CODE = 'console.log(Math.sqrt(1764))'

/** Calls the code tool when the last message is the user's, answers with the tool's stdout once it has it. */
function model(request: RecordedRequest): FakeTurn {
  const body = request.body as {
    contents: { parts: { functionResponse?: { response: { content?: { stdout?: string } } } }[] }[]
  }
  const response = body.contents.at(-1)?.parts[0]?.functionResponse?.response
  if (response) return { text: `The square root of 1764 is ${response.content?.stdout?.trim()}.` }
  return { toolCalls: [{ name: 'execute_code', args: { language: 'javascript', code: CODE } }] }
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number
  return { median: at(0.5), p90: at(0.9), min: sorted[0] as number }
}

const gemini = await startFakeGemini(Array.from({ length: 8 * (RUNS + WARMUP) }, () => model))
const sandbox = createSandbox({})
const dir = await mkdtemp(join(tmpdir(), 'verity-bench-agent-'))
const store = await createStore({ type: 'sqlite' }, dir)
const queue = new MemoryQueue()
const registry = createDefaultRegistry()
const engine = createEngine({ store, queue, registry, sandbox })
await engine.start()
const flow = parseFlow(
  [
    'id: calculator_agent',
    'namespace: bench',
    'tasks:',
    '  - id: agent',
    '    type: io.kestra.plugin.ai.agent.AIAgent',
    '    provider:',
    '      type: io.kestra.plugin.ai.provider.GoogleGemini',
    '      apiKey: bench-key',
    '      modelName: gemini-2.5-flash',
    `      baseUrl: ${gemini.url}/v1beta`,
    '    prompt: What is the square root of 1764?',
    '    tools:',
    '      - type: io.kestra.plugin.ai.tool.CodeExecution',
    '        languages: [javascript]',
  ].join('\n'),
  { file: 'bench.yaml', registry },
)

async function verityRun(): Promise<{ task: number; execution: number }> {
  const started = performance.now()
  const created = await engine.submit(flow)
  const final = await engine.waitForTerminal(created.id)
  const execution = performance.now() - started
  if (final.state.current !== 'SUCCESS') throw new Error(`agent run ended ${final.state.current}`)
  const [taskRun] = await store.taskRuns.listByExecution(created.id)
  const state = taskRun?.state
  if (!state?.endDate) throw new Error('task run without end date')
  return { task: Date.parse(state.endDate) - Date.parse(state.startDate), execution }
}

const agentProps = aiAgent.props.parse(flow.tasks[0])
const javascript = (await sandbox.languages()).filter((language) => language.id === 'javascript')
/** The AI layer alone: the AIAgent plugin on an in-memory RunContext (no engine, no store). */
async function pluginRun(): Promise<number> {
  const ctx = testRunContext({ execute: (request) => sandbox.execute(request), languages: javascript })
  const started = performance.now()
  await aiAgent.run(ctx, agentProps)
  return performance.now() - started
}

const baselineModel = createGoogleGenerativeAI({ apiKey: 'bench-key', baseURL: `${gemini.url}/v1beta` })(
  'gemini-2.5-flash',
)
const decoder = new TextDecoder()
async function baselineRun(): Promise<number> {
  const started = performance.now()
  const result = await generateText({
    model: baselineModel,
    prompt: 'What is the square root of 1764?',
    stopWhen: stepCountIs(10),
    tools: {
      execute_code: tool({
        description: 'Runs a program and returns its stdout and stderr.',
        inputSchema: jsonSchema<{ language: string; code: string }>({
          type: 'object',
          properties: { language: { type: 'string', enum: ['javascript'] }, code: { type: 'string' } },
          required: ['language', 'code'],
        }),
        async execute({ language, code }) {
          const run = await sandbox.execute({ language, source: code })
          return {
            stdout: decoder.decode(run.stdout.bytes),
            stderr: decoder.decode(run.stderr.bytes),
            exitCode: run.exitCode,
          }
        },
      }),
    },
  })
  if (!result.text.includes('42')) throw new Error(`baseline answered: ${result.text}`)
  return performance.now() - started
}

try {
  for (let index = 0; index < WARMUP; index++) {
    await verityRun()
    await baselineRun()
    await pluginRun()
  }
  const verityTask: number[] = []
  const verityExecution: number[] = []
  const baseline: number[] = []
  const plugin: number[] = []
  // Interleaved so machine load drifts hit both sides alike.
  for (let index = 0; index < RUNS; index++) {
    const run = await verityRun()
    verityTask.push(run.task)
    verityExecution.push(run.execution)
    baseline.push(await baselineRun())
    plugin.push(await pluginRun())
  }
  const base = stats(baseline)
  const rows = [
    ['bare AI SDK generateText + sandbox.execute (baseline)', base],
    ['Verity AIAgent plugin alone (in-memory RunContext)', stats(plugin)],
    ['Verity AIAgent task duration (task run start → end)', stats(verityTask)],
    ['Verity whole execution (submit → terminal)', stats(verityExecution)],
  ] as const
  console.log(`agent run with one CodeExecution call, ${RUNS} runs each after ${WARMUP} warm-ups (ms)\n`)
  console.log('| measure | median | p90 | min | median vs baseline |')
  console.log('|---|---:|---:|---:|---:|')
  for (const [name, value] of rows) {
    const overhead = ((value.median - base.median) / base.median) * 100
    console.log(
      `| ${name} | ${value.median.toFixed(1)} | ${value.p90.toFixed(1)} | ${value.min.toFixed(1)} | ${name.includes('baseline') ? '—' : `${overhead >= 0 ? '+' : ''}${overhead.toFixed(1)}%`} |`,
    )
  }
} finally {
  await engine.stop()
  await queue.close()
  await store.close()
  await sandbox.close()
  await gemini.close()
  await rm(dir, { recursive: true, force: true })
}
