import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { aiAgent } from '../../src/plugins/ai/agent.ts'
import { startFakeGemini } from '../fakes/gemini.ts'
import { closedAfterEach, type FakeServer, requestBody, sendJson, startFakeServer } from '../fakes/http.ts'
import { geminiProvider } from './providers.ts'
import { executeResult, TEST_LANGUAGES, testRunContext } from './run-context.ts'

const servers = closedAfterEach<FakeServer>()

const b64 = (text: string) => Buffer.from(text).toString('base64')
const jsCall = {
  toolCalls: [{ name: 'execute_code', args: { language: 'javascript', code: 'console.log(6*7)' } }],
}

async function agentWith(tool: Record<string, unknown>, firstTurn = jsCall) {
  const llm = await startFakeGemini([firstTurn, { text: 'done' }])
  servers.push(llm)
  const ctx = testRunContext({
    languages: TEST_LANGUAGES,
    execute: async () => executeResult({ stdout: 'local\n' }),
  })
  const run = () =>
    aiAgent.run(
      ctx,
      aiAgent.props.parse({
        provider: geminiProvider(llm.url),
        prompt: 'compute',
        tools: [tool],
      }),
    )
  return { llm, ctx, run }
}

describe('CodeExecution on Judge0', () => {
  it('with only an apiKey: calls Judge0 CE on RapidAPI exactly as Kestra does', async () => {
    const originalFetch = globalThis.fetch
    const seen: { url: string; init: RequestInit | undefined }[] = []
    globalThis.fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input)
      if (!url.startsWith('https://judge0-ce.p.rapidapi.com')) return originalFetch(input, init)
      seen.push({ url, init })
      return Response.json({
        stdout: b64('42\n'),
        stderr: null,
        compile_output: null,
        message: null,
        status: { id: 3, description: 'Accepted' },
        exit_code: 0,
        time: '0.031',
        memory: 7400,
      })
    }
    try {
      const { run, ctx } = await agentWith({
        type: 'io.kestra.plugin.ai.tool.CodeExecution',
        apiKey: 'rapid-secret',
      })
      const outputs = await run()
      assert.equal(seen.length, 1)
      assert.equal(
        seen[0]?.url,
        'https://judge0-ce.p.rapidapi.com/submissions?base64_encoded=true&wait=true&fields=*',
      )
      assert.equal(seen[0]?.init?.method, 'POST')
      const headers = seen[0]?.init?.headers as Record<string, string>
      assert.equal(headers['X-RapidAPI-Key'], 'rapid-secret')
      assert.equal(headers['X-RapidAPI-Host'], 'judge0-ce.p.rapidapi.com')
      assert.equal(
        seen[0]?.init?.body,
        JSON.stringify({ language_id: 102, source_code: b64('console.log(6*7)') }),
      )
      const result = JSON.parse(outputs.toolExecutions[0]?.result ?? '{}')
      assert.equal(result.stdout, '42\n')
      assert.equal(result.time, 0.031)
      assert.equal(ctx.sandboxRequests.length, 0)
      assert.equal(JSON.stringify(ctx.traces).includes('rapid-secret'), false)
    } finally {
      globalThis.fetch = originalFetch
    }
  })

  it('with a baseUrl: offers the server languages (filtered) and sends base64 submissions with X-Auth-Token', async () => {
    const judge0 = await startFakeServer((request, response) => {
      if (request.path === '/languages') {
        sendJson(response, 200, [
          { id: 71, name: 'Python (3.8.1)' },
          { id: 63, name: 'JavaScript (Node.js 12.14.0)' },
          { id: 50, name: 'C (GCC 9.2.0)' },
        ])
        return
      }
      sendJson(response, 201, {
        stdout: null,
        stderr: b64('Traceback: ZeroDivisionError\n'),
        compile_output: null,
        message: b64('Exited with error status 1'),
        status: { id: 11, description: 'Runtime Error (NZEC)' },
        exit_code: 1,
        time: '0.02',
        memory: 3000,
      })
    })
    servers.push(judge0)
    const { run, llm } = await agentWith(
      {
        type: 'io.kestra.plugin.ai.tool.CodeExecution',
        baseUrl: judge0.url,
        apiKey: 'token-1',
        languages: ['python', 'javascript'],
        limits: { cpuTime: 2 },
      },
      { toolCalls: [{ name: 'execute_code', args: { language: 'Python (3.8.1)', code: 'print(1/0)' } }] },
    )
    const outputs = await run()
    const declaration = (
      requestBody(llm.modelRequests()[0]) as {
        tools: { functionDeclarations: { parameters: { properties: { language: { enum: string[] } } } }[] }[]
      }
    ).tools[0]?.functionDeclarations[0]
    assert.deepEqual(declaration?.parameters.properties.language.enum, [
      'Python (3.8.1)',
      'JavaScript (Node.js 12.14.0)',
    ])
    const submission = judge0.requests.find((request) => request.method === 'POST')
    assert.equal(submission?.path, '/submissions?base64_encoded=true&wait=true&fields=*')
    assert.equal(submission?.headers['x-auth-token'], 'token-1')
    assert.deepEqual(submission?.body, { language_id: 71, source_code: b64('print(1/0)'), cpu_time_limit: 2 })
    const result = JSON.parse(outputs.toolExecutions[0]?.result ?? '{}')
    assert.equal(result.status, 'Runtime Error (NZEC)')
    assert.equal(result.stderr, 'Traceback: ZeroDivisionError\n')
    assert.equal(result.message, 'Exited with error status 1')
    assert.equal(outputs.textOutput, 'done')
  })

  it('a rejected Judge0 key ends the run with a clear error', async () => {
    const judge0 = await startFakeServer((request, response) => {
      if (request.path === '/languages')
        sendJson(response, 200, [{ id: 63, name: 'JavaScript (Node.js 12.14.0)' }])
      else sendJson(response, 401, { error: 'Authentication failed' })
    })
    servers.push(judge0)
    const { run } = await agentWith(
      { type: 'io.kestra.plugin.ai.tool.CodeExecution', baseUrl: judge0.url },
      {
        toolCalls: [{ name: 'execute_code', args: { language: 'JavaScript (Node.js 12.14.0)', code: '1' } }],
      },
    )
    await assert.rejects(
      run(),
      /agent\.tools\[0\]: Judge0 server http:\/\/127\.0\.0\.1:\d+ answered HTTP 401: .*Authentication failed/,
    )
  })

  it('executor: local overrides an apiKey (what a forced pluginDefault does for the seed flows)', async () => {
    const { run, ctx } = await agentWith({
      type: 'io.kestra.plugin.ai.tool.CodeExecution',
      apiKey: 'rapid-secret',
      executor: 'local',
    })
    const outputs = await run()
    assert.equal(ctx.sandboxRequests.length, 1)
    assert.equal(JSON.parse(outputs.toolExecutions[0]?.result ?? '{}').stdout, 'local\n')
  })
})
