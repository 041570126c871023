import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatIssue, parseFlow, validateFlowSource } from './index.ts'
import { FlowValidationError } from './issues.ts'
import { testRegistry } from './testing/plugins.ts'

const registry = testRegistry()
const head = 'id: hello\nnamespace: company.team\n'

/** Issues of `yaml` as `line:column: message (at path)`, file name dropped. */
function issuesOf(yaml: string): string[] {
  return validateFlowSource(yaml, { file: 'f.yaml', registry }).map((issue) =>
    formatIssue(issue).slice('f.yaml:'.length),
  )
}

// Each case: a flow and every issue expected, with its exact line:column and YAML path.
const cases: Array<{ name: string; yaml: string; expected: string[] }> = [
  {
    name: 'valid flow with nesting, components and templates',
    yaml: `${head}inputs:
  - id: nr
    type: INT
    defaults: 3
tasks:
  - id: check
    type: test.core.flow.If
    condition: "{{ inputs.nr > 2 }}"
    then:
      - id: agent
        type: test.ai.Agent
        provider:
          type: test.ai.provider.Fake
          apiKey: "{{ kv('KEY') }}"
          modelName: m
          temperature: "{{ inputs.nr }}"
        prompt: hi
        tools:
          - type: test.ai.tool.Calculator
            precision: 2
  - id: count
    type: test.Count
    count: "{{ inputs.nr }}"
    retry: { type: constant, interval: PT1S, maxAttempt: 3 }
    timeout: PT1M
`,
    expected: [],
  },
  {
    name: 'unknown task type names the closest, whole name and last segment',
    yaml: `${head}tasks:\n  - id: a\n    type: test.core.log.Lgo\n    message: hi\n  - id: b\n    type: Log\n`,
    expected: [
      "5:11: unknown task type 'test.core.log.Lgo'; did you mean test.core.log.Log? (at tasks[0].type)",
      "8:11: unknown task type 'Log'; did you mean test.core.log.Log? (at tasks[1].type)",
    ],
  },
  {
    name: 'components checked against the category of their slot',
    yaml: `${head}tasks:\n  - id: a\n    type: test.ai.Agent\n    prompt: p\n    provider:\n      type: test.ai.tool.Calculator\n    tools:\n      - type: Calculator\n      - type: test.ai.tool.Calculator\n        precision: "{{ 1 + }}"\n`,
    expected: [
      "8:13: 'test.ai.tool.Calculator' is a tool, not a provider (at tasks[0].provider.type)",
      "10:15: unknown tool type 'Calculator'; did you mean test.ai.tool.Calculator? (at tasks[0].tools[0].type)",
      "12:28: invalid expression: Unexpected '}}' (at tasks[0].tools[1].precision)",
    ],
  },
  {
    name: 'wrong values of credential properties are never shown',
    yaml: `${head}tasks:\n  - id: a\n    type: test.ai.Agent\n    prompt: p\n    provider:\n      type: test.ai.provider.Fake\n      apiKey: 1234567\n      modelName: m\n`,
    expected: ['9:15: expected a string, got a hidden value (at tasks[0].provider.apiKey)'],
  },
  {
    name: 'wrong shapes: an empty task, a numeric type, tasks not a list',
    yaml: `${head}tasks:\n  -\n  - id: x\n    type: 5\nerrors: nope\n`,
    expected: [
      '4:4: expected a task (a map with id and type), got null (at tasks[0])',
      '6:11: expected a string, got number 5 (at tasks[1].type)',
      "7:9: expected a list of tasks, got 'nope' (at errors)",
    ],
  },
  {
    name: 'component type used as a task',
    yaml: `${head}tasks:\n  - id: a\n    type: test.ai.provider.Fake\n`,
    expected: ["5:11: unknown task type 'test.ai.provider.Fake' (it is a provider) (at tasks[0].type)"],
  },
  {
    name: 'unknown properties name the closest, on tasks, components and the flow',
    yaml: `${head}descripton: x\ntasks:\n  - id: a\n    type: test.core.log.Log\n    mesage: hi\n    message: hi\n    retyr: {}\n  - id: b\n    type: test.ai.Agent\n    prompt: p\n    provider:\n      type: test.ai.provider.Fake\n      apiKey: k\n      modelname: m\n`,
    expected: [
      "3:1: unknown flow property 'descripton'; did you mean description? (at descripton)",
      "7:5: unknown property 'mesage'; did you mean message? (at tasks[0].mesage)",
      "9:5: unknown property 'retyr'; did you mean retry? (at tasks[0].retyr)",
      "14:7: missing required property 'modelName' (at tasks[1].provider.modelName)",
      "16:7: unknown property 'modelname'; did you mean modelName? (at tasks[1].provider.modelname)",
    ],
  },
  {
    name: 'duplicate task ids anywhere, naming both positions',
    yaml: `${head}tasks:\n  - id: a\n    type: test.core.flow.If\n    condition: x\n    then:\n      - id: a\n        type: test.core.log.Log\n        message: m\nfinally:\n  - id: a\n    type: test.core.log.Log\n    message: m\n`,
    expected: [
      "8:13: duplicate task id 'a': also defined at f.yaml:4:9 (tasks[0].id) (at tasks[0].then[0].id)",
      "12:9: duplicate task id 'a': also defined at f.yaml:4:9 (tasks[0].id) (at finally[0].id)",
    ],
  },
  {
    name: 'missing required props and wrong types',
    yaml: `${head}tasks:\n  - type: test.Count\n    count: many\n    enabled: 3\n    items: [1]\n    settings: { depth: 1, label: x, colour: red }\n`,
    expected: [
      "4:5: missing required property 'id' (at tasks[0].id)",
      "5:12: expected a number, got 'many' (at tasks[0].count)",
      '6:14: expected a boolean, got number 3 (at tasks[0].enabled)',
      '7:13: expected a string, got number 1 (at tasks[0].items[0])',
      "8:37: unknown property 'colour' (at tasks[0].settings.colour)",
    ],
  },
  {
    name: 'flow id, namespace and task id patterns; missing tasks',
    yaml: 'id: "bad id"\nnamespace: Company\n',
    expected: [
      "1:1: missing required property 'tasks' (at tasks)",
      '1:5: must match ^[a-zA-Z0-9][a-zA-Z0-9._-]*$ (letters, digits, . _ -) (at id)',
      '2:12: must match ^[a-z0-9][a-z0-9._-]*$ (lower-case letters, digits, . _ -) (at namespace)',
    ],
  },
  {
    name: 'retry, durations, and ids that cannot be templates (other common props can)',
    yaml: `${head}tasks:\n  - id: a.b\n    type: test.core.log.Log\n    message: m\n    timeout: 5 minutes\n    retry:\n      type: exponential\n      interval: PT1S\n      maxAttempt: 2\n      backoff: 2\n  - id: "{{ inputs.id }}"\n    type: test.core.log.Log\n    message: "{{ true }}"\n    timeout: "{{ inputs.timeout }}"\n`,
    expected: [
      '4:9: must match ^[a-zA-Z0-9][a-zA-Z0-9_-]*$ (letters, digits, _ -) (at tasks[0].id)',
      '7:14: must be an ISO-8601 duration such as PT30S, PT5M or P1D (at tasks[0].timeout)',
      "9:7: required for retry type 'exponential' (at tasks[0].retry.maxInterval)",
      "12:7: unknown property 'backoff' (at tasks[0].retry.backoff)",
      '13:9: must match ^[a-zA-Z0-9][a-zA-Z0-9_-]*$ (letters, digits, _ -) (at tasks[1].id)',
    ],
  },
  {
    name: 'templates are syntax-checked at the exact character',
    yaml: `${head}tasks:\n  - id: a\n    type: test.core.log.Log\n    message: "hello {{ inputs.x + }}"\n  - id: b\n    type: test.core.log.Log\n    message: |\n      line one\n      two {{ ) }}\n`,
    expected: [
      "6:35: invalid expression: Unexpected '}}' (at tasks[0].message)",
      "11:14: invalid expression: Unexpected ')' (at tasks[1].message)",
    ],
  },
  {
    name: 'inputs: types, required values, defaults that do not fit, duplicates',
    yaml: `${head}inputs:\n  - id: a\n    type: NUMBER\n  - id: s\n    type: SELECT\n  - id: n\n    type: INT\n    defaults: ten\n  - id: n\n    type: STRING\ntasks:\n  - id: t\n    type: test.core.log.Log\n    message: m\n`,
    expected: [
      '5:11: expected "STRING" or "INT" or "FLOAT" or "BOOLEAN" or "BOOL" or "SELECT" or "MULTISELECT" or "ENUM" or "ARRAY" or "JSON" or "YAML" or "DATETIME" or "DATE" or "TIME" or "DURATION" or "URI" or "EMAIL" or "SECRET" or "FILE", got \'NUMBER\' (at inputs[0].type)',
      '6:5: required for a SELECT input (at inputs[1].values)',
      "10:15: default 'ten' must be an integer (at inputs[2].defaults)",
      "11:9: duplicate input id 'n' (at inputs[3].id)",
    ],
  },
  {
    name: 'triggers, flow outputs, pluginDefaults entries, concurrency',
    yaml: `${head}tasks:
  - id: a
    type: test.core.log.Log
    message: m
triggers:
  - id: nightly
    type: test.core.trigger.Schedule
    cron: "0 2 * * *"
  - id: hourly
    type: test.core.trigger.Schedul
  - type: test.core.log.Log
outputs:
  - id: result
    type: STRING
  - id: count
    type: INT
    value: "{{ outputs.a.value }}"
pluginDefaults:
  - values: { message: hi }
concurrency:
  limit: 0
  behavior: DROP
`,
    expected: [
      "12:11: unknown trigger type 'test.core.trigger.Schedul'; did you mean test.core.trigger.Schedule? (at triggers[1].type)",
      "13:5: missing required property 'id' (at triggers[2].id)",
      "13:11: unknown trigger type 'test.core.log.Log' (it is a task) (at triggers[2].type)",
      "15:5: missing required property 'value' (at outputs[0].value)",
      "21:5: missing required property 'type' (at pluginDefaults[0].type)",
      '23:10: must be at least 1 (at concurrency.limit)',
      '24:13: expected "QUEUE" or "CANCEL" or "FAIL", got \'DROP\' (at concurrency.behavior)',
    ],
  },
  {
    name: 'unknown nested plugin type, flowable child lists, labels as a list',
    yaml: `${head}labels:\n  - key: team\n    value: ai\ntasks:\n  - id: s\n    type: test.core.flow.Switch\n    value: x\n    cases:\n      A:\n        - id: agent\n          type: test.ai.Agent\n          prompt: p\n          provider:\n            type: test.ai.provider.Fakee\n            apiKey: k\n      B: nope\n`,
    expected: [
      "16:19: unknown provider type 'test.ai.provider.Fakee'; did you mean test.ai.provider.Fake? (at tasks[0].cases.A[0].provider.type)",
      "18:10: expected a list of tasks, got 'nope' (at tasks[0].cases.B)",
    ],
  },
]

describe('flow validation', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      assert.deepEqual(issuesOf(testCase.yaml), testCase.expected)
    })
  }

  it('malformed YAML is reported with its position', () => {
    const table: Array<[string, string[]]> = [
      [`${head}tasks:\n  - id: a\n   type: x\n`, ['5:1: invalid YAML: Sequence item without - indicator']],
      ['id: a\n\tnamespace: b\n', ['2:1: invalid YAML: Tabs are not allowed as indentation']],
      [
        'id: a\n---\nid: b\n',
        ['2:1: invalid YAML: one document per file (a second one starts here with ---)'],
      ],
      ['id: a\nid: b\n', ['2:1: invalid YAML: Map keys must be unique']],
      ['', ['1:1: a flow must be a YAML map with id, namespace and tasks; the file is empty']],
      ['- a\n', ['1:1: a flow must be a YAML map with id, namespace and tasks; got a list']],
    ]
    for (const [yaml, expected] of table) assert.deepEqual(issuesOf(yaml), expected, yaml)
    // The parser's depth limit depends on the stack size: the column is not pinned, the single message is.
    const deep = issuesOf(`${head}tasks: ${'['.repeat(2000)}${']'.repeat(2000)}\n`)
    assert.equal(deep.length, 1)
    assert.match(deep[0], /^3:\d+: invalid YAML: nested too deeply$/)
  })

  it('parseFlow throws one FlowValidationError listing every issue, one per line', () => {
    const yaml = `${head}tasks:\n  - id: a\n    type: test.core.log.Lgo\n  - id: a\n    type: test.core.log.Log\n`
    assert.throws(
      () => parseFlow(yaml, { file: 'f.yaml', registry }),
      (error: unknown) => {
        assert.ok(error instanceof FlowValidationError)
        assert.equal(error.code, 'FLOW_VALIDATION')
        assert.equal(error.issues.length, 3)
        assert.deepEqual(error.message.split('\n'), error.issues.map(formatIssue))
        return true
      },
    )
  })

  it('parseFlow builds the model: labels as a map, input defaults, empty lists', () => {
    const flow = parseFlow(
      `${head}labels: { team: ai, tier: 1 }\ninputs:\n  - id: x\n    type: STRING\ntasks:\n  - id: a\n    type: test.core.log.Log\n    message: m\n`,
      { file: 'f.yaml', registry },
    )
    assert.deepEqual(flow.labels, { team: 'ai', tier: '1' })
    assert.deepEqual(flow.inputs, [{ id: 'x', type: 'STRING', required: true }])
    assert.deepEqual(flow.errors, [])
    assert.equal(flow.disabled, false)
    assert.equal(flow.tasks[0].type, 'test.core.log.Log')
  })
})

describe('flow validation: messages in the words of YAML', () => {
  it('names maps and lists, and what a union accepts', () => {
    assert.deepEqual(
      issuesOf(
        `${head}labels: 5\nvariables: [1]\ntasks:\n  - id: a\n    type: test.core.log.Log\n    message: m\n`,
      ),
      [
        '3:9: expected a map or a list, got number 5 (at labels)',
        '4:12: expected a map, got a list (at variables)',
      ],
    )
  })
})
