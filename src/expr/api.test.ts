import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { VerityError } from '../errors.ts'
import {
  checkSyntax,
  type ExpressionContext,
  ExpressionError,
  evaluate,
  isTemplate,
  render,
  renderValue,
} from './index.ts'

/** An engine-like async KV store. */
function withKv(store: Record<string, unknown>): ExpressionContext {
  const calls: unknown[] = []
  return {
    variables: { inputs: { key: 'greeting' } },
    functions: {
      kv: async (args, named) => {
        calls.push({ args, named })
        await new Promise((resolve) => setTimeout(resolve, 1))
        const key = String(args[0])
        if (named.errorOnMissing === true && !(key in store))
          throw new VerityError('KV_NOT_FOUND', `No KV entry '${key}'`)
        return Object.hasOwn(store, key) ? store[key] : null
      },
      failing: () => {
        throw new Error('backend down')
      },
    },
  }
}

describe('async host functions', () => {
  const context = withKv({ greeting: 'hello', flag: true, config: { retries: 2 } })
  it('work inside filters', async () =>
    assert.equal(await render('{{ kv(inputs.key) | upper }}', context), 'HELLO'))
  it('work inside conditions', async () =>
    assert.equal(await render('{% if kv("flag") %}on{% else %}off{% endif %}', context), 'on'))
  it('work inside loops and member access', async () =>
    assert.equal(
      await render('{% for i in 1..2 %}{{ kv("config").retries + i }}{% endfor %}', context),
      '34',
    ))
  it('combine with ?? when the value is null', async () =>
    assert.equal(await render('{{ kv("absent") ?? "fallback" }}', context), 'fallback'))
  it('treat an undefined answer as null', async () => {
    const silent: ExpressionContext = { variables: {}, functions: { nothing: () => undefined } }
    assert.equal(await render('{{ nothing() ?? "none" }}', silent), 'none')
  })
  it('receive named arguments', async () =>
    assert.equal(await render('{{ kv("greeting", namespace="company") }}', context), 'hello'))
  it('keep the VerityError the host throws', async () =>
    assert.rejects(render('{{ kv("absent", errorOnMissing=true) }}', context), { code: 'KV_NOT_FOUND' }))
  it('wrap other host failures with the position', async () =>
    assert.rejects(render('ok {{ failing() }}', context), (error: unknown) => {
      assert.ok(error instanceof ExpressionError)
      assert.match(error.message, /^Function 'failing' failed: backend down at 1:7/)
      return true
    }))
  it('are used by evaluate() and renderValue()', async () => {
    assert.equal(await evaluate('kv("flag") and true', context), true)
    assert.deepEqual(await renderValue('{{ kv("config") }}', context), { retries: 2 })
  })
})

describe('evaluate() reads bare expressions', () => {
  const context: ExpressionContext = { variables: { inputs: { count: 3, list: [1, 2] } } }
  it('returns typed values', async () => {
    assert.equal(await evaluate('inputs.count > 2', context), true)
    assert.equal(await evaluate('inputs.count * 2', context), 6)
    assert.deepEqual(await evaluate('inputs.list | reverse', context), [2, 1])
    assert.equal(await evaluate('10 / 4.0', context), 2.5)
  })
  it('accepts a {{ }} wrapped condition too', async () =>
    assert.equal(await evaluate('{{ inputs.count == 3 }}', context), true))
  it('reports positions in the expression as written', async () => {
    await assert.rejects(evaluate('1 + inputs.nope', context), (error: unknown) => {
      assert.ok(error instanceof ExpressionError)
      assert.equal(error.message, `Undefined variable 'inputs.nope' at 1:5 in "1 + inputs.nope"`)
      assert.equal(error.column, 5)
      return true
    })
    await assert.rejects(
      evaluate('inputs.count >', context),
      /Unexpected end of template|Unexpected '\}\}' at 1:15/,
    )
  })
})

describe('checkSyntax()', () => {
  it('accepts valid templates and plain text', () => {
    assert.deepEqual(checkSyntax('no expression here'), [])
    assert.deepEqual(checkSyntax('{{ undefined.variables | default(fine) }} {% if x %}{% endif %}'), [])
  })
  it('locates errors by offset, line and column', () => {
    assert.deepEqual(checkSyntax('line one\n  {{ inputs.a + }}'), [
      { message: "Unexpected '}}'", offset: 25, line: 2, column: 17 },
    ])
    assert.equal(checkSyntax('{% for x in %}{% endfor %}')[0].message, "Unexpected '%}'")
    assert.match(checkSyntax('{% for x in y %}')[0].message, /missing \{% endfor %\}/)
  })
  it('reports unknown filters and tests, as Pebble does when parsing', () => {
    assert.deepEqual(checkSyntax('{{ x | uper }}'), [
      { message: "Unknown filter 'uper'", offset: 7, line: 1, column: 8 },
    ])
    assert.match(checkSyntax('{% if x is nul %}{% endif %}')[0].message, /^Unknown test 'nul'/)
  })
  it('never evaluates', () => assert.deepEqual(checkSyntax('{{ kv("k") ~ secret("s") }}'), []))
})

describe('isTemplate() and the fast path', () => {
  it('detects openers', () => {
    assert.equal(isTemplate('a {{ b }}'), true)
    assert.equal(isTemplate('{% if %}'), true)
    assert.equal(isTemplate('{# c #}'), true)
    assert.equal(isTemplate('{ "json": true }'), false)
    assert.equal(isTemplate('plain'), false)
  })
  it('returns plain strings untouched, even unbalanced ones', async () => {
    assert.equal(await render('a } b {', { variables: {} }), 'a } b {')
    assert.equal(await renderValue('42', { variables: {} }), '42')
  })
  it('reuses parsed templates across renders with different variables', async () => {
    const template = '{{ inputs.n * 2 }}'
    assert.equal(await render(template, { variables: { inputs: { n: 1 } } }), '2')
    assert.equal(await render(template, { variables: { inputs: { n: 5 } } }), '10')
  })
})
