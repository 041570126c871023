import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type ExpressionContext, ExpressionError, render } from './index.ts'

const context: ExpressionContext = {
  variables: {
    inputs: { name: 'x', list: [1, 2] },
    vars: { loop: '{{ render(vars.loop) }}' },
    fn: () => 'host function',
    date: new Date(0),
  },
}

async function rejectsCleanly(template: string, message: RegExp, extra: Partial<ExpressionContext> = {}) {
  await assert.rejects(render(template, { ...context, ...extra }), (error: unknown) => {
    assert.ok(error instanceof ExpressionError, `expected an ExpressionError, got ${String(error)}`)
    assert.equal(error.userFacing, true)
    assert.match(error.message, message)
    return true
  })
}

describe('attack strings fail cleanly', () => {
  const attacks: [string, RegExp][] = [
    ['{{ inputs.constructor }}', /Undefined variable 'inputs\.constructor'/],
    ["{{ ''.__proto__ }}", /Undefined variable/],
    ["{{ inputs['__proto__'] }}", /Undefined variable/],
    ["{{ inputs['constr' ~ 'uctor'] }}", /Undefined variable/],
    ['{{ inputs.list.constructor }}', /Undefined variable/],
    ['{{ inputs.prototype }}', /Undefined variable/],
    ['{{ inputs.toString }}', /Undefined variable/],
    ['{{ inputs.hasOwnProperty }}', /Undefined variable/],
    ['{{ inputs.list.length }}', /Undefined variable/],
    ["{{ [].constructor.constructor('return process')() }}", /Method calls are not supported/],
    ["{{ inputs.constructor.constructor('return process')() }}", /Method calls are not supported/],
    ["{{ (inputs.constructor)('x') }}", /Unexpected '\('/],
    ['{{ process }}', /Undefined variable 'process'/],
    ['{{ globalThis }}', /Undefined variable 'globalThis'/],
    ['{{ this }}', /Undefined variable 'this'/],
    ["{{ eval('1') }}", /Unknown function 'eval'/],
    ["{{ Function('return process')() }}", /Unknown function 'Function'|Unexpected/],
    ['{{ fn }}', /Undefined variable 'fn'/],
    ['{{ fn() }}', /Unknown function 'fn'/],
    ['{{ date.getTime }}', /Undefined variable 'date\.getTime'/],
    ['{{ 1 | constructor }}', /Unknown filter 'constructor'/],
    ['{{ 1 | __proto__ }}', /Unknown filter '__proto__'/],
    ['{{ toString() }}', /Unknown function 'toString'/],
    ['{{ 1 is constructor }}', /Unknown test 'constructor'/],
  ]
  for (const [template, message] of attacks) it(template, () => rejectsCleanly(template, message))
})

describe('prototype pollution is impossible', () => {
  const attempts: [string, RegExp][] = [
    ['{% set __proto__ = 1 %}', /Variable name '__proto__' is not allowed/],
    ['{% set constructor = 1 %}', /Variable name 'constructor' is not allowed/],
    ["{{ {'__proto__': {'polluted': true}} }}", /Map key '__proto__' is not allowed/],
    ["{{ {('__pro' ~ 'to__'): {'polluted': true}} }}", /Map key '__proto__' is not allowed/],
    ['{% for __proto__ in [1] %}{% endfor %}', /not allowed/],
  ]
  for (const [template, message] of attempts) it(template, () => rejectsCleanly(template, message))

  it('a __proto__ key in parsed JSON stays an inert own key', async () => {
    const text = await render(
      '{% set m = fromJson(\'{"__proto__": {"polluted": true}}\') %}{{ m | merge({"a": 1}) | keys }}{{ m.polluted ?? "-" }}',
      context,
    )
    assert.equal(text, '["__proto__","a"]-')
    assert.equal(({} as Record<string, unknown>).polluted, undefined)
  })

  it('a __proto__ key in parsed YAML stays an inert own key', async () => {
    const text = await render('{{ yaml("__proto__:\n  polluted: 1") | keys }}', context)
    assert.equal(text, '["__proto__"]')
    assert.equal(({} as Record<string, unknown>).polluted, undefined)
  })

  it('getters in the data are never run', async () => {
    let called = false
    const data = Object.defineProperty({}, 'secret', {
      enumerable: true,
      get: () => {
        called = true
        return 'leaked'
      },
    })
    await rejectsCleanly('{{ data.secret }}', /Undefined variable 'data\.secret'/, { variables: { data } })
    assert.equal(called, false)
  })

  it('jq sees no prototypes and returns plain data', async () => {
    assert.equal(await render("{{ inputs | jq('.constructor') }}", context), '[null]')
    assert.equal(
      await render("{{ inputs | jq('.__proto__.polluted = 1') | first | keys }}", context),
      '["name","list"]',
    )
    assert.equal(({} as Record<string, unknown>).polluted, undefined)
  })
})

describe('limits stop runaway templates', () => {
  it('refuses a huge range before building it', () =>
    rejectsCleanly(
      '{% for i in range(0, 100000000) %}{{ i }}{% endfor %}',
      /range of 100000001 items exceeds the limit of 100000/,
    ))
  it('counts loop iterations across nested loops', () =>
    rejectsCleanly(
      '{% for i in 1..100 %}{% for j in 1..100 %}{% endfor %}{% endfor %}',
      /Loops exceed the limit of 5000 iterations/,
      {
        limits: { maxLoopIterations: 5000 },
      },
    ))
  it('bounds the output', () =>
    rejectsCleanly(
      '{% for i in 1..1000 %}xxxxxxxxxx{% endfor %}',
      /Output exceeds the limit of 5000 characters/,
      {
        limits: { maxOutputLength: 5000 },
      },
    ))
  it('bounds string growth', () =>
    rejectsCleanly(
      '{% set s = "xxxxxxxxxx" %}{% for i in 1..40 %}{% set s = s ~ s %}{% endfor %}',
      /String of \d+ characters exceeds the limit of 10000000/,
    ))
  it('bounds list growth', () =>
    rejectsCleanly(
      '{% set l = [1] %}{% for i in 1..40 %}{% set l = l + l %}{% endfor %}',
      /List of \d+ items exceeds/,
    ))
  it('bounds indentation', () =>
    rejectsCleanly('{{ "a\nb" | indent(100000000) }}', /amount must be at most 1000/))
  it('bounds expression nesting', () =>
    rejectsCleanly(`{{ ${'('.repeat(5000)}1${')'.repeat(5000)} }}`, /nested deeper than 64 levels/))
  it('bounds filter chains and operator chains without overflowing the stack', async () => {
    assert.equal(await render(`{{ 1${' + 1'.repeat(2000)} }}`, context), '2001')
  })
  it('bounds block nesting', () =>
    rejectsCleanly('{% if true %}'.repeat(200), /Blocks nested deeper than 64 levels/))
  it('bounds recursive render()', () =>
    rejectsCleanly('{{ render(vars.loop) }}', /nested deeper than 64 levels/))
  it('bounds the template size', () =>
    rejectsCleanly('{{ 1 }}'.repeat(100), /Template of 700 characters exceeds the limit of 500/, {
      limits: { maxTemplateLength: 500 },
    }))
  it('stops a catastrophic regular expression', () =>
    rejectsCleanly(
      `{{ "${'a'.repeat(40)}!" | replace("^(a+)+$", "x", regexp=true) }}`,
      /Filter 'replace': regular expression took longer than 300 ms/,
      { limits: { programTimeoutMs: 300 } },
    ))
  it('stops a runaway jq program and recovers', async () => {
    await rejectsCleanly(
      "{{ 1 | jq('[range(100000000)] | length') }}",
      /jq program took longer than 300 ms/,
      {
        limits: { programTimeoutMs: 300 },
      },
    )
    assert.equal(await render("{{ 2 | jq('. * 3') | first }}", context), '6')
  })
})
