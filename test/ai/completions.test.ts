import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { aiAgent } from '../../src/plugins/ai/agent.ts'
import { chatCompletion } from '../../src/plugins/ai/chat-completion.ts'
import { classification } from '../../src/plugins/ai/classification.ts'
import { AiOutputError } from '../../src/plugins/ai/errors.ts'
import { jsonStructuredExtraction } from '../../src/plugins/ai/json-structured-extraction.ts'
import { startFakeGemini } from '../fakes/gemini.ts'
import { closedAfterEach } from '../fakes/http.ts'
import type { FakeLlm, Script } from '../fakes/llm-script.ts'
import { startFakeOpenAI } from '../fakes/openai.ts'
import { geminiProvider, openAIProvider } from './providers.ts'
import { testRunContext } from './run-context.ts'

const servers = closedAfterEach<FakeLlm>()

async function openAI(script: Script) {
  const server = await startFakeOpenAI(script)
  servers.push(server)
  const provider = openAIProvider(server.url, 'k', 'gpt-4o-mini')
  return { server, provider }
}

const ticketSchema = {
  type: 'object',
  required: ['category', 'priority'],
  properties: {
    category: { type: 'string', enum: ['ACCOUNT', 'BILLING'] },
    priority: { type: 'string', enum: ['LOW', 'HIGH'] },
  },
}

describe('JSON responses', () => {
  it('sends the JSON schema to OpenAI and returns jsonOutput parsed (no textOutput)', async () => {
    const { server, provider } = await openAI([{ text: '{"category":"ACCOUNT","priority":"HIGH"}' }])
    const outputs = await aiAgent.run(
      testRunContext(),
      aiAgent.props.parse({
        provider,
        prompt: 'I cannot log in',
        configuration: {
          temperature: 0.1,
          seed: 7,
          maxToken: 100,
          responseFormat: { type: 'JSON', jsonSchema: ticketSchema },
        },
      }),
    )
    assert.deepEqual(outputs.jsonOutput, { category: 'ACCOUNT', priority: 'HIGH' })
    assert.equal(outputs.textOutput, undefined)
    const body = server.modelRequests()[0]?.body as Record<string, unknown> & {
      response_format: { type: string; json_schema: { name: string; schema: unknown } }
    }
    assert.equal(body.response_format.type, 'json_schema')
    assert.equal(body.response_format.json_schema.name, 'output')
    assert.deepEqual(body.response_format.json_schema.schema, ticketSchema)
    assert.equal(body.temperature, 0.1)
    assert.equal(body.seed, 7)
    assert.equal(body.max_tokens, 100)
  })

  it('asks Gemini for application/json with a schema-less JSON format', async () => {
    const server = await startFakeGemini([{ text: '{"input":"a","sha256":"ca97"}' }])
    servers.push(server)
    const outputs = await aiAgent.run(
      testRunContext(),
      aiAgent.props.parse({
        provider: geminiProvider(server.url),
        prompt: 'hash a',
        configuration: { responseFormat: { type: 'JSON' } },
      }),
    )
    assert.deepEqual(outputs.jsonOutput, { input: 'a', sha256: 'ca97' })
    const body = server.modelRequests()[0]?.body as { generationConfig: { responseMimeType: string } }
    assert.equal(body.generationConfig.responseMimeType, 'application/json')
  })

  it('fails clearly when the model does not return JSON', async () => {
    const { provider } = await openAI([{ text: 'Sure! Here it is: category ACCOUNT' }])
    await assert.rejects(
      aiAgent.run(
        testRunContext(),
        aiAgent.props.parse({ provider, prompt: 'x', configuration: { responseFormat: { type: 'JSON' } } }),
      ),
      (error: unknown) =>
        error instanceof AiOutputError &&
        /OpenAI did not return valid JSON .*Sure! Here it is/.test(error.message),
    )
  })

  it('rejects a jsonSchema with type TEXT, as Kestra does', async () => {
    const { provider } = await openAI([{ text: 'x' }])
    await assert.rejects(
      aiAgent.run(
        testRunContext(),
        aiAgent.props.parse({
          provider,
          prompt: 'x',
          configuration: { responseFormat: { type: 'TEXT', jsonSchema: ticketSchema } },
        }),
      ),
      /jsonSchema is only allowed when configuration.responseFormat.type is JSON/,
    )
  })
})

describe('completion tasks', () => {
  it('Classification returns one of the classes, constrained by an enum schema', async () => {
    const { server, provider } = await openAI([{ text: '{"classification":"negative"}' }])
    const outputs = await classification.run(
      testRunContext({ taskId: 'classify' }),
      classification.props.parse({
        provider,
        prompt: 'This product broke after a day.',
        classes: ['positive', 'negative'],
      }),
    )
    assert.equal(outputs.classification, 'negative')
    assert.equal(outputs.finishReason, 'STOP')
    const body = server.modelRequests()[0]?.body as {
      response_format: { json_schema: { schema: { properties: { classification: { enum: string[] } } } } }
    }
    assert.deepEqual(body.response_format.json_schema.schema.properties.classification.enum, [
      'positive',
      'negative',
    ])
  })

  it('Classification fails when the model answers outside the classes', async () => {
    const { provider } = await openAI([{ text: '{"classification":"neutral"}' }])
    await assert.rejects(
      classification.run(
        testRunContext(),
        classification.props.parse({ provider, prompt: 'meh', classes: ['positive', 'negative'] }),
      ),
      AiOutputError,
    )
  })

  it('JSONStructuredExtraction returns extractedJson as text with the schema name', async () => {
    const { server, provider } = await openAI([{ text: '{"order_id":"A-1043","city":"Berlin"}' }])
    const outputs = await jsonStructuredExtraction.run(
      testRunContext(),
      jsonStructuredExtraction.props.parse({
        provider,
        prompt: 'Order #A-1043 shipped to Berlin',
        schemaName: 'Order',
        jsonFields: ['order_id', 'city'],
      }),
    )
    assert.equal(outputs.schemaName, 'Order')
    assert.deepEqual(JSON.parse(outputs.extractedJson), { order_id: 'A-1043', city: 'Berlin' })
    const body = server.modelRequests()[0]?.body as {
      messages: { role: string; content: string }[]
      response_format: { json_schema: { schema: { required: string[] } } }
    }
    assert.deepEqual(body.response_format.json_schema.schema.required, ['order_id', 'city'])
    assert.equal(body.messages[0]?.role, 'system')
  })

  it('ChatCompletion sends SYSTEM / USER / AI messages in order', async () => {
    const { server, provider } = await openAI([{ text: 'Paris.' }])
    const outputs = await chatCompletion.run(
      testRunContext(),
      chatCompletion.props.parse({
        provider,
        messages: [
          { type: 'SYSTEM', content: 'Answer in one word.' },
          { type: 'USER', content: 'Capital of Italy?' },
          { type: 'AI', content: 'Rome.' },
          { type: 'USER', content: 'And France?' },
        ],
      }),
    )
    assert.equal(outputs.textOutput, 'Paris.')
    const body = server.modelRequests()[0]?.body as { messages: { role: string; content: string }[] }
    assert.deepEqual(
      body.messages.map((message) => [message.role, message.content]),
      [
        ['system', 'Answer in one word.'],
        ['user', 'Capital of Italy?'],
        ['assistant', 'Rome.'],
        ['user', 'And France?'],
      ],
    )
  })
})
