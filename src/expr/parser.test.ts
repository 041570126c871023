import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Arguments, Expression, TemplateNode } from './ast.ts'
import { parseBareExpression, parseTemplate } from './parse-template.ts'

function showArguments(args: Arguments): string {
  const parts = [...args.positional.map(show), ...args.named.map((arg) => `${arg.name}=${show(arg.value)}`)]
  return parts.length ? `(${parts.join(' ')})` : ''
}

/** An expression as a compact S-expression, to assert structure and precedence. */
function show(node: Expression): string {
  switch (node.kind) {
    case 'literal':
      return JSON.stringify(node.value) + (node.isFloat ? 'f' : '')
    case 'variable':
      return node.name
    case 'member':
      return `${show(node.object)}[${show(node.property)}]`
    case 'call':
      return `${node.name}${showArguments(node.args) || '()'}`
    case 'filter':
      return `(| ${show(node.input)} ${node.name}${showArguments(node.args)})`
    case 'test':
      return `(is${node.negated ? '-not' : ''} ${show(node.input)} ${node.name})`
    case 'unary':
      return `(${node.operator} ${show(node.operand)})`
    case 'binary':
      return `(${node.operator} ${show(node.left)} ${show(node.right)})`
    case 'ternary':
      return `(? ${show(node.condition)} ${show(node.then)} ${show(node.otherwise)})`
    case 'list':
      return `[${node.items.map(show).join(' ')}]`
    case 'map':
      return `{${node.entries.map((entry) => `${show(entry.key)}:${show(entry.value)}`).join(' ')}}`
  }
}

describe('expression parser', () => {
  const cases: [string, string][] = [
    ['1 + 2 * 3', '(+ 1 (* 2 3))'],
    ['1 - 2 - 3', '(- (- 1 2) 3)'],
    ['(1 + 2) * 3', '(* (+ 1 2) 3)'],
    ['-a.b', '(- a["b"])'],
    ['-2 | abs', '(| (- 2) abs)'],
    ['1 + 2 | abs', '(+ 1 (| 2 abs))'],
    ['"a" ~ "b" | upper', '(| (~ "a" "b") upper)'],
    ['not a and b', '(not (and a b))'],
    ['a or b and c', '(or a (and b c))'],
    ['a == 1 and b != 2', '(and (== a 1) (!= b 2))'],
    ['x is not null and y', '(and (is-not x null) y)'],
    ['x is defined', '(is x defined)'],
    ['a ?? b ?? c', '(?? (?? a b) c)'],
    ['a ??? b', '(??? a b)'],
    ['a ? b : c ? d : e', '(? a b (? c d e))'],
    ['1..5', '(.. 1 5)'],
    ['a contains "x"', '(contains a "x")'],
    ['a equals b', '(equals a b)'],
    ['a in b or c not in d', '(or (in a b) (not in c d))'],
    ['not a in b', '(not (in a b))'],
    ['x | date("yyyy", timeZone="UTC")', '(| x date("yyyy" timeZone="UTC"))'],
    ['x | default(y) | upper', '(| (| x default(y)) upper)'],
    ['range(1, 3)', 'range(1 3)'],
    ['now()', 'now()'],
    ["a.b[0]['c'].1", 'a["b"][0]["c"]["1"]'],
    ['[1, 2.0, "x"]', '[1 2f "x"]'],
    ["{'a': 1, b: [2], 3: c}", '{"a":1 "b":[2] 3:c}'],
    ['true and false or null', '(or (and true false) null)'],
  ]
  for (const [expression, expected] of cases) {
    it(expression, () => assert.equal(show(parseBareExpression(expression, 64)), expected))
  }

  const errors: [string, RegExp][] = [
    ['1 +', /Unexpected '\}\}'/],
    ['a.b()', /Method calls are not supported/],
    ['f(x=1, 2)', /Positional arguments must come before named arguments/],
    ['a ? b', /Expected ':' of the ternary operator/],
    ['[1, 2', /Expected '\]' or ','/],
    ["{'__proto__': 1}", /Map key '__proto__' is not allowed/],
    ['x is', /Expected a test name/],
    ['x |', /Expected a filter name/],
    ['x | uppercase', /Unknown filter 'uppercase'/],
    ['x | __proto__', /Unknown filter '__proto__'/],
    ['x is odd(1)', /Unexpected '\('/],
    ['x is whatever', /Unknown test 'whatever' \(use defined, null/],
    ['1 2', /Unexpected '2'/],
  ]
  for (const [expression, message] of errors) {
    it(`rejects ${expression}`, () => assert.throws(() => parseBareExpression(expression, 64), message))
  }
})

describe('template parser', () => {
  function kinds(nodes: TemplateNode[]): string {
    return nodes
      .map((node) => {
        if (node.kind === 'if') {
          const branches = node.branches
            .map((branch) => `${show(branch.condition)}:${kinds(branch.body)}`)
            .join(' ')
          return `if(${branches} else:${kinds(node.otherwise)})`
        }
        if (node.kind === 'for') {
          const names = node.keyName ? `${node.keyName},${node.valueName}` : node.valueName
          return `for(${names} in ${show(node.iterable)}: ${kinds(node.body)} else:${kinds(node.otherwise)})`
        }
        if (node.kind === 'set') return `set(${node.name}=${show(node.value)})`
        if (node.kind === 'print') return `print(${show(node.expression)})`
        return `text(${node.text})`
      })
      .join(' ')
  }
  const cases: [string, string][] = [
    ['a{{ b }}c', 'text(a) print(b) text(c)'],
    ['{% if a %}x{% elseif b %}y{% else %}z{% endif %}', 'if(a:text(x) b:text(y) else:text(z))'],
    ['{% for x in xs %}{{ x }}{% else %}none{% endfor %}', 'for(x in xs: print(x) else:text(none))'],
    ['{% for k, v in m %}{{ k }}{% endfor %}', 'for(k,v in m: print(k) else:)'],
    ['{% set n = 1 + 1 %}', 'set(n=(+ 1 1))'],
    [
      '{% if a %}{% for x in b %}{% if x %}y{% endif %}{% endfor %}{% endif %}',
      'if(a:for(x in b: if(x:text(y) else:) else:) else:)',
    ],
  ]
  for (const [template, expected] of cases)
    it(template, () => assert.equal(kinds(parseTemplate(template, 64)), expected))

  const errors: [string, RegExp][] = [
    ['{% if a %}', /Unclosed \{% if %\}: missing \{% endif %\}/],
    ['{% for x in y %}{% endif %}', /Unexpected \{% endif %\} without its opening tag/],
    ['{% for x y %}', /Expected 'in'/],
    ['{% set x %}', /Expected '=' in \{% set name = value %\}/],
    ['{% set loop = 1 %}', /Variable name 'loop' is not allowed/],
    ['{% include "x" %}', /Unknown tag 'include'/],
    ['{% if a b %}{% endif %}', /Unexpected 'b'/],
  ]
  for (const [template, message] of errors)
    it(`rejects ${template}`, () => assert.throws(() => parseTemplate(template, 64), message))
})
