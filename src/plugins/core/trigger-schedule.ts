import { Cron } from 'croner'
import { z } from 'zod'
import { isDuration } from '../../flow/duration.ts'
import { defineComponent } from '../define.ts'

/** Kestra's cron nicknames (cron-utils' set); croner knows more (`@reboot`…) that Kestra refuses. */
const CRON_NICKNAMES = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']

/**
 * Why `cron` is not a valid Kestra cron expression, or `undefined` when it is. Kestra takes exactly 5 fields
 * (minute hour day-of-month month day-of-week), or 6 with `withSeconds` (a leading seconds field), or a nickname.
 * croner alone would also accept 7 fields and either field count regardless of `withSeconds`, so the count is
 * checked here first; croner then checks each field's values.
 * @example cronProblem('61 * * * *', false) // "Invalid value for minute: 61"
 */
export function cronProblem(cron: string, withSeconds: boolean): string | undefined {
  const text = cron.trim()
  if (text.startsWith('@')) {
    if (CRON_NICKNAMES.includes(text.toLowerCase())) return undefined
    return `unknown cron nickname '${text}'; use one of ${CRON_NICKNAMES.join(', ')}`
  }
  const fields = text.split(/\s+/).filter((field) => field !== '').length
  const expected = withSeconds ? 6 : 5
  if (fields !== expected) {
    const hint = withSeconds
      ? ' (withSeconds is true: second minute hour day-of-month month day-of-week)'
      : fields === 6
        ? ' (minute hour day-of-month month day-of-week; set withSeconds: true for a leading seconds field)'
        : ' (minute hour day-of-month month day-of-week)'
    return `expected ${expected} fields, got ${fields}${hint}`
  }
  try {
    // Without a callback croner schedules nothing: this only parses.
    new Cron(text, { paused: true })
    return undefined
  } catch (error) {
    return (error as Error).message.replace(/^CronPattern: /, '')
  }
}

/** True for an IANA time zone name the runtime knows (`Europe/Paris`, `Etc/UTC`, `UTC`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name })
    return true
  } catch {
    return false
  }
}

const durationSchema = (description: string) =>
  z.string().refine(isDuration, 'expected an ISO-8601 duration such as PT1H').describe(description)

/** The Schedule trigger's settings, for the scheduler that will fire it. */
export const scheduleTriggerProps = z
  .object({
    cron: z
      .string()
      .describe(
        'When to start an execution: a cron expression of 5 fields (minute hour day-of-month month day-of-week, ' +
          'e.g. `*/15 * * * *`), of 6 with `withSeconds` (a leading seconds field), or a nickname: `@yearly`, ' +
          '`@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly`. Names (`MON-FRI`), `L` and `#` are allowed.',
      ),
    withSeconds: z
      .boolean()
      .default(false)
      .describe('The cron expression has a leading seconds field (6 fields).'),
    timezone: z
      .string()
      .default('Etc/UTC')
      .refine(isTimeZone, {
        error: (issue) =>
          `unknown time zone '${String(issue.input)}'; expected an IANA name such as Europe/Paris`,
      })
      .describe('IANA time zone the cron expression is evaluated in, e.g. `Europe/Paris`.'),
    inputs: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Inputs of the scheduled executions (templates may use `trigger.date`).'),
    recoverMissedSchedules: z
      .enum(['ALL', 'LAST', 'NONE'])
      .default('ALL')
      .describe(
        'Schedules missed while the scheduler was down: `ALL` runs every one, `LAST` only the latest, `NONE` none.',
      ),
    lateMaximumDelay: durationSchema(
      'A schedule fired later than this after its date is skipped (e.g. after a long outage).',
    ).optional(),
    backfill: z
      .looseObject({
        start: z.string().describe('First date to backfill (ISO-8601 date-time).'),
        end: z.string().optional().describe('Last date to backfill; now when absent.'),
      })
      .optional()
      .describe(
        'Deprecated in Kestra (backfills are started from the UI there): replay the schedules from `start`.',
      ),
    interval: durationSchema(
      'Accepted for Kestra compatibility (a polling interval); a Schedule fires on its cron expression only.',
    ).optional(),
  })
  .superRefine((props, context) => {
    const problem = cronProblem(props.cron, props.withSeconds)
    if (problem !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['cron'],
        message: `invalid cron expression '${props.cron}': ${problem}`,
      })
    }
  })

/**
 * `io.kestra.plugin.core.trigger.Schedule`: starts an execution on a cron schedule. Parsed and validated (cron
 * expression, time zone, durations) with Kestra's property names; Verity does not fire it yet.
 */
export const scheduleTrigger = defineComponent({
  type: 'io.kestra.plugin.core.trigger.Schedule',
  aliases: ['io.kestra.core.models.triggers.types.Schedule'],
  category: 'trigger',
  title: 'Start an execution on a cron schedule.',
  description:
    '**Validated, not yet fired:** Verity checks the cron expression, the time zone and every property, so Kestra ' +
    'flows port over unchanged, but does not run schedules yet (the Webhook trigger does run). ' +
    'Schedules are evaluated in `timezone` (UTC by default). `conditions` (any Kestra condition type, e.g. ' +
    '`io.kestra.plugin.core.condition.DayWeekInMonth`) are parsed but not evaluated; `stopAfter` lists the ' +
    'execution states after which the trigger disables itself. Scheduled executions will see `trigger.date`, ' +
    '`trigger.next` and `trigger.previous`.',
  props: scheduleTriggerProps,
  implementation: {},
  examples: [
    {
      title: 'Every weekday at 9:00 in Paris',
      code:
        'id: report\nnamespace: company.team\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n' +
        '    message: "{{ trigger.date }}"\ntriggers:\n  - id: weekdays\n    type: io.kestra.plugin.core.trigger.Schedule\n' +
        '    cron: "0 9 * * MON-FRI"\n    timezone: Europe/Paris',
    },
    {
      title: 'Every hour, with a nickname, skipping missed runs',
      code:
        'triggers:\n  - id: hourly\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "@hourly"\n' +
        '    recoverMissedSchedules: NONE',
    },
  ],
})
