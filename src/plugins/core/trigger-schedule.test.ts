import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { FlowValidationError, formatIssue, parseFlow, validateFlowSource } from '../../flow/index.ts'
import { createDefaultRegistry } from '../index.ts'
import { cronProblem, isTimeZone } from './trigger-schedule.ts'

const registry = createDefaultRegistry()
const flowWith = (trigger: string) =>
  'id: report\nnamespace: company.team\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n' +
  `    message: hi\ntriggers:\n  - id: schedule\n    type: io.kestra.plugin.core.trigger.Schedule\n${trigger}`

/** Every issue of a flow as `file:line:column: message (at path)`. */
const issuesOf = (yaml: string) =>
  validateFlowSource(yaml, { file: 'report.yaml', registry }).map(formatIssue)

describe('Schedule trigger', () => {
  it('a Kestra flow with a Schedule trigger parses with the default registry', () => {
    const yaml = flowWith(
      '    cron: "0 9 * * MON-FRI"\n    timezone: Europe/Paris\n    recoverMissedSchedules: LAST\n' +
        '    inputs:\n      day: "{{ trigger.date }}"\n    stopAfter: [FAILED]\n    conditions:\n' +
        '      - type: io.kestra.plugin.core.condition.DayWeekInMonth\n        dayOfWeek: MONDAY\n' +
        '        dayInMonth: FIRST\n',
    )
    const flow = parseFlow(yaml, { file: 'report.yaml', registry })
    assert.equal(flow.triggers?.[0]?.type, 'io.kestra.plugin.core.trigger.Schedule')
  })

  it('accepts nicknames, seconds with withSeconds, and the legacy type name', () => {
    assert.deepEqual(issuesOf(flowWith('    cron: "@daily"\n')), [])
    assert.deepEqual(issuesOf(flowWith('    cron: "*/10 * * * * *"\n    withSeconds: true\n')), [])
    assert.deepEqual(
      issuesOf(
        flowWith('    cron: "@hourly"\n').replace('plugin.core.trigger', 'core.models.triggers.types'),
      ),
      [],
    )
  })

  it('a bad cron is reported at its position, naming the field and the problem', () => {
    assert.deepEqual(issuesOf(flowWith('    cron: "61 * * * *"\n')), [
      "report.yaml:10:11: invalid cron expression '61 * * * *': Invalid value for minute: 61 (at triggers[0].cron)",
    ])
  })

  it('six fields without withSeconds, or an unknown nickname, are refused', () => {
    const [six] = issuesOf(flowWith('    cron: "0 0 9 * * *"\n'))
    assert.match(
      six ?? '',
      /^report\.yaml:10:11: .*expected 5 fields, got 6 .*withSeconds.*\(at triggers\[0\]\.cron\)$/,
    )
    const [nick] = issuesOf(flowWith('    cron: "@reboot"\n'))
    assert.match(nick ?? '', /unknown cron nickname '@reboot'.*\(at triggers\[0\]\.cron\)$/)
  })

  it('a bad time zone is reported at its position', () => {
    assert.deepEqual(issuesOf(flowWith('    cron: "@daily"\n    timezone: Europe/Atlantis\n')), [
      "report.yaml:11:15: unknown time zone 'Europe/Atlantis'; expected an IANA name such as Europe/Paris (at triggers[0].timezone)",
    ])
  })

  it('wrong enums, durations and unknown properties are reported', () => {
    const issues = issuesOf(
      flowWith(
        '    cron: "@daily"\n    recoverMissedSchedules: SOME\n    lateMaximumDelay: 1h\n    crn: x\n',
      ),
    )
    assert.equal(issues.length, 3, issues.join('\n'))
    assert.match(issues[0] ?? '', /^report\.yaml:11:.*\(at triggers\[0\]\.recoverMissedSchedules\)$/)
    assert.match(
      issues[1] ?? '',
      /^report\.yaml:12:.*ISO-8601 duration.*\(at triggers\[0\]\.lateMaximumDelay\)$/,
    )
    assert.match(issues[2] ?? '', /^report\.yaml:13:5: unknown property 'crn'; did you mean cron\?/)
  })

  it('a missing cron is an error', () => {
    assert.throws(
      () => parseFlow(flowWith('    timezone: UTC\n'), { file: 'report.yaml', registry }),
      FlowValidationError,
    )
  })
})

describe('cronProblem / isTimeZone', () => {
  it('checks the field count against withSeconds, then the values', () => {
    assert.equal(cronProblem('*/15 * * * *', false), undefined)
    assert.equal(cronProblem('0 11 * * 1', false), undefined)
    assert.equal(cronProblem('0 9 L * *', false), undefined)
    assert.equal(cronProblem('@ANNUALLY', false), undefined)
    assert.match(cronProblem('* * * * *', true) ?? '', /expected 6 fields, got 5/)
    assert.match(cronProblem('* * * * * * *', false) ?? '', /expected 5 fields, got 7/)
    assert.match(cronProblem('0 25 * * *', false) ?? '', /hour/)
    assert.match(cronProblem('0 9 * 13 *', false) ?? '', /month/)
  })

  it('knows IANA zones', () => {
    assert.equal(isTimeZone('America/New_York'), true)
    assert.equal(isTimeZone('Etc/UTC'), true)
    assert.equal(isTimeZone('Mars/Olympus'), false)
  })
})
