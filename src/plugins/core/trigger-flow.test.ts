import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatIssue, parseFlow, validateFlowSource } from '../../flow/index.ts'
import { createDefaultRegistry } from '../index.ts'

const registry = createDefaultRegistry()
const flowWith = (trigger: string) =>
  'id: transform\nnamespace: company.team\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n' +
  `    message: hi\ntriggers:\n  - id: after\n    type: io.kestra.plugin.core.trigger.Flow\n${trigger}`
const issuesOf = (yaml: string) =>
  validateFlowSource(yaml, { file: 'transform.yaml', registry }).map(formatIssue)

describe('Flow trigger', () => {
  it('a Kestra flow with preconditions parses with the default registry', () => {
    const yaml = flowWith(
      '    inputs:\n      date: "{{ trigger.outputs.date }}"\n    preconditions:\n      id: flows\n' +
        '      flows:\n        - namespace: company.team\n          flowId: extract\n          states: [SUCCESS]\n' +
        '      where:\n        - id: company\n          filters:\n            - field: NAMESPACE\n' +
        '              type: STARTS_WITH\n              value: company\n' +
        '      timeWindow:\n        type: DURATION_WINDOW\n        window: PT12H\n',
    )
    const flow = parseFlow(yaml, { file: 'transform.yaml', registry })
    assert.equal(flow.triggers?.[0]?.type, 'io.kestra.plugin.core.trigger.Flow')
  })

  it('legacy conditions of any Kestra condition type are accepted as parsed data', () => {
    const yaml = flowWith(
      '    states: [FAILED, WARNING]\n    conditions:\n      - type: io.kestra.plugin.core.condition.ExecutionStatus\n' +
        '        in: [SUCCESS]\n      - id: multiple\n        type: io.kestra.plugin.core.condition.MultipleCondition\n' +
        '        conditions:\n          a:\n            type: io.kestra.plugin.core.condition.ExecutionFlow\n' +
        '            namespace: company.team\n            flowId: a\n',
    )
    assert.deepEqual(issuesOf(yaml), [])
  })

  it('wrong states, durations and misspelt precondition keys are reported at their position', () => {
    const issues = issuesOf(
      flowWith(
        '    states: [DONE]\n    preconditions:\n      flows:\n        - namespace: company.team\n' +
          '          flowid: extract\n      timeWindow:\n        window: 12h\n',
      ),
    )
    assert.equal(issues.length, 4, issues.join('\n'))
    assert.match(issues[0] ?? '', /^transform\.yaml:10:14: .*\(at triggers\[0\]\.states\[0\]\)$/)
    assert.ok(issues.some((issue) => /flowId.*\(at triggers\[0\]\.preconditions\.flows\[0\]/.test(issue)))
    assert.ok(issues.some((issue) => /flowid/.test(issue)))
    assert.ok(issues.some((issue) => /^transform\.yaml:16:17: .*ISO-8601.*timeWindow\.window\)$/.test(issue)))
  })
})
