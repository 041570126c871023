import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { FlowValidationError } from './issues.ts'
import { formatPath, parseYaml } from './source-map.ts'

const yaml = `id: demo
tasks:
  - id: a
    plain: hello {{ x }}
    single: 'it {{ y }}'
    double: "say {{ z }}"
    block: |
      first
        second {{ w }}
    folded: >
      folded {{ v }}
    empty:
  - &anchor { id: b, deep: { list: [1, 2] } }
`

describe('SourceMap', () => {
  const { value, sourceMap } = parseYaml(yaml, 'demo.yaml')

  it('parses the data', () => {
    assert.deepEqual((value as { tasks: unknown[] }).tasks[1], { id: 'b', deep: { list: [1, 2] } })
  })

  it('positions values, keys, sequence items and missing paths (nearest ancestor)', () => {
    const at = (path: Array<string | number>, key = false) => {
      const { line, column, path: text } = sourceMap.positionOf(path, { key })
      return `${line}:${column} ${text}`
    }
    assert.equal(at(['id']), '1:5 id')
    assert.equal(at(['tasks', 0, 'plain']), '4:12 tasks[0].plain')
    assert.equal(at(['tasks', 0, 'plain'], true), '4:5 tasks[0].plain')
    assert.equal(at(['tasks', 1, 'deep', 'list', 1]), '13:40 tasks[1].deep.list[1]')
    assert.equal(at(['tasks', 0, 'empty']), '12:5 tasks[0].empty')
    assert.equal(at(['tasks', 0, 'missing', 'deeper']), '3:5 tasks[0].missing.deeper')
    assert.equal(at(['tasks', 5]), '3:3 tasks[5]')
  })

  it('gives where the located node ends, for editors', () => {
    const position = sourceMap.positionOf(['tasks', 0, 'double'])
    assert.deepEqual([position.line, position.column, position.endLine, position.endColumn], [6, 13, 6, 26])
    const key = sourceMap.positionOf(['tasks', 0, 'double'], { key: true })
    assert.deepEqual([key.line, key.column, key.endLine, key.endColumn], [6, 5, 6, 11])
  })

  it('positions a character inside plain, quoted and literal block strings', () => {
    const inside = (path: Array<string | number>, index: number) => {
      const { line, column } = sourceMap.positionInString(path, index)
      return `${line}:${column}`
    }
    assert.equal(inside(['tasks', 0, 'plain'], 6), '4:18')
    assert.equal(inside(['tasks', 0, 'single'], 3), '5:17')
    assert.equal(inside(['tasks', 0, 'double'], 4), '6:18')
    assert.equal(inside(['tasks', 0, 'block'], 'first\n  second '.length), '9:16')
    // Folded scalars re-flow lines: the scalar's start is the best honest answer.
    assert.equal(inside(['tasks', 0, 'folded'], 7), '10:13')
  })

  it('formats paths', () => {
    assert.equal(formatPath(['tasks', 1, 'provider', 'modelName']), 'tasks[1].provider.modelName')
    assert.equal(formatPath(['cases', 'A b', 0]), 'cases["A b"][0]')
    assert.equal(formatPath(['count'], 'tasks[0]'), 'tasks[0].count')
    assert.equal(formatPath([0], 'tasks'), 'tasks[0]')
  })
})

describe('parseYaml errors', () => {
  it('lists every syntax error with its position', () => {
    assert.throws(
      () => parseYaml('id: a\nid: b\ntasks: [\n', 'bad.yaml'),
      (error: unknown) => {
        assert.ok(error instanceof FlowValidationError)
        assert.match(error.issues[0].message, /^invalid YAML: Map keys must be unique/)
        assert.deepEqual([error.issues[0].position.line, error.issues[0].position.column], [2, 1])
        assert.ok(error.issues.length >= 2)
        return true
      },
    )
  })

  it('stops alias bombs', () => {
    const bomb =
      'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n'
    assert.throws(() => parseYaml(bomb, 'bomb.yaml'), /bomb\.yaml:1:1: invalid YAML: .*alias/i)
  })
})
