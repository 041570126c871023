import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { tokenize } from './lexer.ts'

/** Tokens as compact `type:value` strings. */
function lex(template: string): string[] {
  return tokenize(template)
    .filter((token) => token.type !== 'eof')
    .map((token) => `${token.type}:${token.value}${token.isFloat ? 'f' : ''}`)
}

describe('lexer', () => {
  const cases: [string, string[]][] = [
    ['plain', ['text:plain']],
    ['a {{ b }} c', ['text:a ', 'printOpen:{{', 'name:b', 'close:}}', 'text: c']],
    ['{% if x %}', ['tagOpen:{%', 'name:if', 'name:x', 'close:%}']],
    ['{{ 1 2.5 1e3 }}', ['printOpen:{{', 'number:1', 'number:2.5f', 'number:1e3f', 'close:}}']],
    ['{{ 1..5 }}', ['printOpen:{{', 'number:1', 'operator:..', 'number:5', 'close:}}']],
    [
      '{{ a ??? b ?? c }}',
      ['printOpen:{{', 'name:a', 'operator:???', 'name:b', 'operator:??', 'name:c', 'close:}}'],
    ],
    ['{{ "a\\"b" \'c\\nd\' }}', ['printOpen:{{', 'string:a"b', 'string:c\nd', 'close:}}']],
    ['{{ "\\u00e9" }}', ['printOpen:{{', 'string:é', 'close:}}']],
    ['{{ "}}" }}', ['printOpen:{{', 'string:}}', 'close:}}']],
    [
      "{{ {'a': {'b': 1}} }}",
      [
        'printOpen:{{',
        'operator:{',
        'string:a',
        'operator::',
        'operator:{',
        'string:b',
        'operator::',
        'number:1',
        'operator:}',
        'operator:}',
        'close:}}',
      ],
    ],
    ['a {# note #} b', ['text:a ', 'text: b']],
    ['a  {{- x -}}  b', ['text:a', 'printOpen:{{', 'name:x', 'close:}}', 'text:b']],
    ['a\n {%- if x -%}\n b', ['text:a', 'tagOpen:{%', 'name:if', 'name:x', 'close:%}', 'text:b']],
    ['a {#- note -#} b', ['text:a', 'text:b']],
    ['{{ a-1 }}', ['printOpen:{{', 'name:a', 'operator:-', 'number:1', 'close:}}']],
    ['{% raw %}{{ x }}{% endraw %}!', ['text:{{ x }}', 'text:!']],
    ['{ "json": 1 }', ['text:{ "json": 1 }']],
    [
      '{{ "a#{b}c" }}',
      [
        'printOpen:{{',
        'operator:(',
        'string:a',
        'operator:~',
        'operator:(',
        'name:b',
        'operator:)',
        'operator:~',
        'string:c',
        'operator:)',
        'close:}}',
      ],
    ],
  ]
  for (const [template, expected] of cases)
    it(JSON.stringify(template), () => assert.deepEqual(lex(template), expected))

  it('records offsets', () => {
    const tokens = tokenize('ab {{ cd }}')
    assert.deepEqual(
      tokens.map((token) => token.offset),
      [0, 3, 6, 9, 11],
    )
  })

  const errors: [string, RegExp, number][] = [
    ['{{ "abc }}', /Unclosed string literal/, 3],
    ['{{ a ', /Unclosed \{\{: missing \}\}/, 0],
    ['{# a', /Unclosed comment/, 0],
    ['{{ a ^ b }}', /Unexpected character '\^'/, 5],
    ['{% raw %}x', /Unclosed \{% raw %\}/, 0],
    ['{{ "a#{b" }}', /Unclosed string literal/, 8],
  ]
  for (const [template, message, offset] of errors) {
    it(`fails on ${JSON.stringify(template)}`, () =>
      assert.throws(
        () => tokenize(template),
        (error: { message: string; offset: number }) => {
          assert.match(error.message, message)
          assert.equal(error.offset, offset)
          return true
        },
      ))
  }
})
