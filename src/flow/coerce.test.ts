import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { z } from 'zod'
import { coerceToSchema, FlowValidationError, parseTaskProps } from './index.ts'
import { countTask } from './testing/plugins.ts'

const schema = z.object({
  count: z.number().int(),
  ratio: z.number().optional(),
  enabled: z.boolean(),
  name: z.string(),
  label: z.string().optional(),
  body: z.string().optional(),
  tags: z.array(z.string()).optional(),
  ports: z.array(z.number()).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  nested: z.object({ depth: z.number() }).optional(),
  either: z.union([z.number(), z.array(z.number())]).optional(),
  unknownShape: z.unknown().optional(),
})

describe('coerceToSchema', () => {
  // [property, rendered value, coerced value]
  const table: Array<[string, unknown, unknown]> = [
    ['count', '42', 42],
    ['count', ' 7 ', 7],
    ['count', 'many', 'many'],
    ['ratio', '0.5', 0.5],
    ['ratio', '-1e-3', -0.001],
    ['enabled', 'true', true],
    ['enabled', 'false', false],
    ['enabled', ' True ', true],
    ['enabled', 'yes', 'yes'],
    ['name', 12, '12'],
    ['label', true, 'true'],
    ['body', { a: 1 }, '{"a":1}'],
    ['body', [1, 2], '[1,2]'],
    ['tags', '["a","b"]', ['a', 'b']],
    ['tags', [1, 'x'], ['1', 'x']],
    ['tags', 'not json', 'not json'],
    ['ports', ['80', 443], [80, 443]],
    ['headers', '{"x": 1}', { x: '1' }],
    ['nested', '{"depth": "3"}', { depth: 3 }],
    ['either', '5', 5],
    ['either', '[1, 2]', [1, 2]],
    ['unknownShape', '{"kept": "as text"}', '{"kept": "as text"}'],
  ]
  for (const [property, value, expected] of table) {
    it(`${property}: ${JSON.stringify(value)} → ${JSON.stringify(expected)}`, () => {
      const result = coerceToSchema(schema, { [property]: value }) as Record<string, unknown>
      assert.deepEqual(result[property], expected)
    })
  }

  it('goes through optional, default and nullable wrappers, keeps null and undefined', () => {
    const wrapped = z.object({ n: z.number().default(1).nullable() })
    assert.deepEqual(coerceToSchema(wrapped, { n: '2' }), { n: 2 })
    assert.deepEqual(coerceToSchema(wrapped, { n: null }), { n: null })
    assert.equal(coerceToSchema(wrapped, undefined), undefined)
  })
})

describe('parseTaskProps', () => {
  const position = { file: 'f.yaml', line: 5, column: 5, path: 'tasks[0]' }

  it('coerces then parses with the plugin schema', () => {
    assert.deepEqual(parseTaskProps(countTask, { count: '3', enabled: 'true', items: '["a"]' }, position), {
      count: 3,
      enabled: true,
      items: ['a'],
    })
  })

  it('throws a positioned error naming the property and the rendered value', () => {
    assert.throws(
      () => parseTaskProps(countTask, { count: 'many', settings: { depth: 1 } }, position),
      (error: unknown) => {
        assert.ok(error instanceof FlowValidationError)
        assert.deepEqual(
          error.issues.map((issue) => issue.position.path),
          ['tasks[0].count', 'tasks[0].settings.label'],
        )
        assert.deepEqual(error.message.split('\n'), [
          "f.yaml:5:5: test.core.Count: expected a number, got 'many' (at tasks[0].count)",
          "f.yaml:5:5: test.core.Count: missing required property 'label' (at tasks[0].settings.label)",
        ])
        return true
      },
    )
  })
})
