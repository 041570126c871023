import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { Ajv } from 'ajv'
import YAML from 'yaml'
import { z } from 'zod'
import { defineRunnableTask } from '../plugins/define.ts'
import { createDefaultRegistry, PluginRegistry } from '../plugins/index.ts'
import { flowJsonSchema, type JsonSchema } from './index.ts'
import { testRegistry } from './testing/plugins.ts'

function validator(schema: JsonSchema) {
  const ajv = new Ajv({ allErrors: true, strict: false })
  return ajv.compile(schema)
}

const flow = (tasks: unknown[], extra: Record<string, unknown> = {}) => ({
  id: 'f',
  namespace: 'company.team',
  tasks,
  ...extra,
})

describe('flowJsonSchema (test plugins)', () => {
  const schema = flowJsonSchema(testRegistry())
  const validate = validator(schema)
  const accepts = (value: unknown) => {
    const ok = validate(value)
    return ok ? 'ok' : JSON.stringify(validate.errors?.slice(0, 3))
  }

  it('is keyed by type, with one definition per plugin and plugin docs', () => {
    const definitions = schema.definitions as Record<string, JsonSchema>
    assert.deepEqual(
      (definitions.task.oneOf as JsonSchema[]).map((entry) => entry.$ref),
      [
        'test.core.log.Log',
        'test.core.Count',
        'test.core.flow.If',
        'test.core.flow.Switch',
        'test.ai.Agent',
      ].map((type) => `#/definitions/${type}`),
    )
    assert.deepEqual(((definitions['test.core.Count'].properties as JsonSchema).type as JsonSchema).enum, [
      'test.core.Count',
      'test.Count',
    ])
    assert.equal(definitions['test.core.log.Log'].title, 'Log a message.')
    assert.equal(
      definitions['test.core.log.Log'].markdownDescription,
      'Log a message.\n\n**Say hello**\n\n```yaml\ntype: test.core.log.Log\nmessage: hello\n```',
    )
    const message = (definitions['test.core.log.Log'].properties as JsonSchema).message as JsonSchema
    assert.equal(message.description, 'What to log.')
    assert.deepEqual((definitions['component.provider'].oneOf as JsonSchema[])[0], {
      $ref: '#/definitions/test.ai.provider.Fake',
    })
  })

  it('accepts valid flows, templates where numbers/booleans/lists go, nested tasks and components', () => {
    const tasks = [
      {
        id: 'a',
        type: 'test.core.Count',
        count: '{{ inputs.n }}',
        enabled: true,
        retry: { type: 'constant', interval: 'PT1S', maxAttempt: '{{ 3 }}' },
      },
      {
        id: 'b',
        type: 'test.core.flow.If',
        condition: 'x',
        // biome-ignore lint/suspicious/noThenProperty: Kestra's If names its branch `then`
        then: [{ id: 'c', type: 'test.core.log.Log', message: 'm' }],
      },
      {
        id: 'd',
        type: 'test.ai.Agent',
        prompt: 'p',
        provider: { type: 'test.ai.provider.Fake', apiKey: 'k', modelName: 'm' },
        tools: [{ type: 'test.ai.tool.Calculator', precision: 2 }],
      },
      {
        id: 'e',
        type: 'test.core.flow.Switch',
        value: 'v',
        cases: { A: [{ id: 'f', type: 'test.Count', count: 1 }] },
      },
    ]
    assert.equal(
      accepts(
        flow(tasks, { inputs: [{ id: 'n', type: 'INT', defaults: 3 }], labels: [{ key: 'k', value: 'v' }] }),
      ),
      'ok',
    )
  })

  it('rejects unknown types, unknown properties, wrong types, a missing id, a provider that is a tool', () => {
    const rejects = (value: unknown) => assert.notEqual(accepts(value), 'ok')
    rejects(flow([{ id: 'a', type: 'test.core.log.Lgo', message: 'm' }]))
    rejects(flow([{ id: 'a', type: 'test.core.log.Log', message: 'm', mesage: 'm' }]))
    rejects(flow([{ id: 'a', type: 'test.core.Count', count: 'many' }]))
    rejects(flow([{ type: 'test.core.log.Log', message: 'm' }]))
    rejects(
      flow([{ id: 'a', type: 'test.ai.Agent', prompt: 'p', provider: { type: 'test.ai.tool.Calculator' } }]),
    )
    rejects({ ...flow([{ id: 'a', type: 'test.core.log.Log', message: 'm' }]), namespace: 'Bad Namespace' })
    rejects({ ...flow([]), extra: true })
  })
})

describe('flowJsonSchema (every plugin Verity ships)', () => {
  it('accepts the seed flows', () => {
    const validate = validator(flowJsonSchema(createDefaultRegistry()))
    for (const file of ['calculator_agent.yaml', 'sha256_comparison.yaml']) {
      const value = YAML.parse(readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8'))
      assert.equal(validate(value), true, `${file}: ${JSON.stringify(validate.errors?.slice(0, 3))}`)
    }
  })
})

describe('flowJsonSchema (recursive plugin schemas)', () => {
  it('moves zod definitions into the document and keeps references resolvable', () => {
    interface Node {
      name: string
      children?: Node[]
    }
    const node: z.ZodType<Node> = z.lazy(() =>
      z.object({ name: z.string(), children: z.array(node).optional() }),
    )
    const tree = defineRunnableTask({
      type: 'test.Tree',
      title: 'A recursive schema.',
      props: z.object({ root: node }),
      run: async () => ({}),
    })
    const validate = validator(flowJsonSchema(new PluginRegistry().register(tree)))
    const task = (root: unknown) => flow([{ id: 't', type: 'test.Tree', root }])
    assert.equal(validate(task({ name: 'a', children: [{ name: 'b', children: [{ name: 'c' }] }] })), true)
    assert.equal(validate(task({ name: 'a', children: [{ name: 'b', children: [{ nom: 'c' }] }] })), false)
    assert.equal(
      validate(task({ name: 'a', children: [{ name: 'b', children: '{{ inputs.more }}' }] })),
      true,
    )
  })
})
