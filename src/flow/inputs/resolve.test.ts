import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { InputDefinition, InputType } from '../types.ts'
import { InputError, resolveInputs } from './resolve.ts'

const input = (id: string, type: InputType, extra: Partial<InputDefinition> = {}): InputDefinition => ({
  id,
  type,
  required: true,
  ...extra,
})

/** [definition, given value, expected value] */
const accepted: Array<[InputDefinition, unknown, unknown]> = [
  [input('s', 'STRING'), 'hello', 'hello'],
  [input('s', 'STRING'), 42, '42'],
  [input('s', 'STRING', { validator: '[a-z]+' }), 'abc', 'abc'],
  [input('s', 'SECRET'), 'p4ss', 'p4ss'],
  [input('n', 'INT'), '42', 42],
  [input('n', 'INT'), ' -7 ', -7],
  [input('n', 'INT'), 5, 5],
  [input('n', 'INT', { min: 1, max: 10 }), '10', 10],
  [input('f', 'FLOAT'), '3.14', 3.14],
  [input('f', 'FLOAT'), '1e3', 1000],
  [input('b', 'BOOLEAN'), 'true', true],
  [input('b', 'BOOL'), 'FALSE', false],
  [input('b', 'BOOLEAN'), false, false],
  [input('c', 'SELECT', { values: ['a', 'b'] }), 'b', 'b'],
  [input('c', 'SELECT', { values: ['a'], allowCustomValue: true }), 'z', 'z'],
  [input('e', 'ENUM', { values: ['X', 'Y'] }), 'X', 'X'],
  [input('m', 'MULTISELECT', { values: ['a', 'b', 'c'] }), 'a, c', ['a', 'c']],
  [input('m', 'MULTISELECT', { values: ['a', 'b'] }), '["b"]', ['b']],
  [input('l', 'ARRAY', { itemType: 'INT' }), '[1, "2", 3]', [1, 2, 3]],
  [input('l', 'ARRAY', { itemType: 'INT' }), '4,5', [4, 5]],
  [input('l', 'ARRAY', { itemType: 'STRING' }), ['x'], ['x']],
  [input('j', 'JSON'), '{"a": [1, true]}', { a: [1, true] }],
  [input('j', 'JSON'), { a: 1 }, { a: 1 }],
  [input('y', 'YAML'), 'a: 1\nb: [x]', { a: 1, b: ['x'] }],
  [input('t', 'DATETIME'), '2024-02-29T10:00:00+02:00', '2024-02-29T08:00:00.000Z'],
  [input('t', 'DATETIME'), '2024-01-01T00:00:00', '2024-01-01T00:00:00.000Z'],
  [
    input('t', 'DATETIME', { after: '2023-12-31T00:00:00Z' }),
    '2024-01-01T00:00:00Z',
    '2024-01-01T00:00:00.000Z',
  ],
  [input('d', 'DATE'), '2024-02-29', '2024-02-29'],
  [input('h', 'TIME'), '09:30', '09:30:00'],
  [input('h', 'TIME'), '23:59:59.5', '23:59:59.5'],
  [input('p', 'DURATION'), 'pt1h30m', 'PT1H30M'],
  [input('p', 'DURATION', { max: 'PT2H' }), 'PT1H', 'PT1H'],
  [input('u', 'URI'), 'https://example.com/x?y=1', 'https://example.com/x?y=1'],
  [input('a', 'EMAIL'), 'ada@example.com', 'ada@example.com'],
  [input('file', 'FILE'), 'verity://executions/1/a.txt', 'verity://executions/1/a.txt'],
  [input('file', 'FILE'), import.meta.filename, import.meta.filename],
]

/** [definition, given value, expected message] */
const rejected: Array<[InputDefinition, unknown, string]> = [
  [input('n', 'INT'), '4.5', "input 'n': expected INT, value '4.5' must be an integer"],
  [
    input('n', 'INT'),
    '99999999999999999999',
    "input 'n': expected INT, value '99999999999999999999' must be an integer",
  ],
  [input('n', 'INT', { min: 1 }), '0', "input 'n': expected INT, value '0' must be at least 1"],
  [input('f', 'FLOAT'), 'pi', "input 'f': expected FLOAT, value 'pi' must be a number"],
  [input('b', 'BOOLEAN'), 'yes', "input 'b': expected BOOLEAN, value 'yes' must be true or false"],
  [
    input('s', 'STRING', { validator: '[a-z]+' }),
    'abc1',
    "input 's': expected STRING, value 'abc1' must match [a-z]+",
  ],
  [
    input('k', 'SECRET', { minLength: 8 }),
    'hunter2',
    "input 'k': expected SECRET, value ****** must be at least 8 characters long",
  ],
  [
    input('s', 'STRING', { maxLength: 2 }),
    'abc',
    "input 's': expected STRING, value 'abc' must be at most 2 characters long",
  ],
  [
    input('c', 'SELECT', { values: ['a', 'b'] }),
    'z',
    "input 'c': expected SELECT, value 'z' must be one of a, b",
  ],
  [
    input('m', 'MULTISELECT', { values: ['a'] }),
    'a,q',
    "input 'm': expected MULTISELECT, value 'a,q' item 'q' must be one of a",
  ],
  [
    input('l', 'ARRAY', { itemType: 'INT' }),
    '[1, "x"]',
    `input 'l': expected ARRAY of INT, value '[1, "x"]' item 1 must be an integer (INT)`,
  ],
  [
    input('j', 'JSON'),
    '{oops',
    "input 'j': expected JSON, value '{oops' is not valid JSON (Expected property name or '}' in JSON at position 1 (line 1 column 2))",
  ],
  [
    input('t', 'DATETIME'),
    'tomorrow',
    "input 't': expected DATETIME, value 'tomorrow' must be an ISO-8601 date-time",
  ],
  [input('d', 'DATE'), '2023-02-29', "input 'd': expected DATE, value '2023-02-29' is not a calendar date"],
  [
    input('d', 'DATE', { before: '2020-01-01' }),
    '2021-01-01',
    "input 'd': expected DATE, value '2021-01-01' must be before 2020-01-01",
  ],
  [
    input('h', 'TIME'),
    '25:00',
    "input 'h': expected TIME, value '25:00' must be a time as HH:MM or HH:MM:SS",
  ],
  [
    input('p', 'DURATION'),
    'P1M',
    "input 'p': expected DURATION, value 'P1M' must be an ISO-8601 duration such as PT30S",
  ],
  [
    input('u', 'URI'),
    'not a uri',
    "input 'u': expected URI, value 'not a uri' must be an absolute URI such as https://…",
  ],
  [input('a', 'EMAIL'), 'ada@', "input 'a': expected EMAIL, value 'ada@' must be an email address"],
  [
    input('file', 'FILE'),
    '/no/such/file.txt',
    "input 'file': expected FILE, value '/no/such/file.txt' is neither an existing file nor a file URI",
  ],
]

describe('resolveInputs: coercion', () => {
  for (const [definition, given, expected] of accepted) {
    it(`${definition.type} ${JSON.stringify(given)} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(resolveInputs({ inputs: [definition] }, { [definition.id]: given }), {
        [definition.id]: expected,
      })
    })
  }
  for (const [definition, given, message] of rejected) {
    it(`${definition.type} rejects ${JSON.stringify(given)}`, () => {
      assert.throws(
        () => resolveInputs({ inputs: [definition] }, { [definition.id]: given }),
        (error: unknown) =>
          error instanceof InputError && error.message === message && error.code === 'INPUT',
      )
    })
  }
})

describe('resolveInputs: defaults, required, unknown, size', () => {
  const inputs = [
    input('nr', 'INT', { defaults: '1764' }),
    input('name', 'STRING'),
    input('note', 'STRING', { required: false }),
    input('when', 'DATETIME', { defaults: '{{ now() }}' }),
  ]

  it('applies and coerces defaults, sets missing optional inputs to null, keeps template defaults', () => {
    assert.deepEqual(resolveInputs({ inputs }, { name: 'Ada' }), {
      nr: 1764,
      name: 'Ada',
      note: null,
      when: '{{ now() }}',
    })
  })

  it('reports every bad input at once: missing, unknown with the closest, wrong type', () => {
    assert.throws(
      () => resolveInputs({ inputs }, { nr: 'x', nmae: 'Ada' }),
      (error: unknown) => {
        assert.ok(error instanceof InputError)
        assert.deepEqual(error.issues, [
          { input: 'nmae', message: 'unknown input; did you mean name?' },
          { input: 'nr', message: "expected INT, value 'x' must be an integer" },
          { input: 'name', message: 'missing required STRING' },
        ])
        return true
      },
    )
  })

  it('refuses inputs over the size cap', () => {
    assert.throws(
      () => resolveInputs({ inputs }, { name: 'x'.repeat(2000) }, { maxBytes: 1000 }),
      /input '\*': inputs take 2011 bytes, more than the 1000 allowed/,
    )
  })
})
