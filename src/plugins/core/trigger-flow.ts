import { z } from 'zod'
import { isDuration } from '../../flow/duration.ts'
import { defineComponent } from '../define.ts'

/** Kestra's execution states, as an upstream execution may end in (or pass through). */
const EXECUTION_STATES = [
  'CREATED',
  'RUNNING',
  'PAUSED',
  'RESTARTED',
  'KILLING',
  'SUCCESS',
  'WARNING',
  'FAILED',
  'KILLED',
  'CANCELLED',
  'QUEUED',
  'RETRYING',
  'RETRIED',
  'SKIPPED',
  'BREAKPOINT',
] as const

const stateSchema = z.enum(EXECUTION_STATES)
const duration = z.string().refine(isDuration, 'expected an ISO-8601 duration such as PT1H')
const time = z
  .string()
  .regex(/^\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?$/, 'expected a time such as 08:00:00')

const upstreamFlowSchema = z
  .object({
    namespace: z.string().min(1).describe('Namespace of the upstream flow.'),
    flowId: z.string().min(1).describe('Id of the upstream flow.'),
    states: z
      .array(stateSchema)
      .optional()
      .describe('States its execution must end in; any terminal state when absent.'),
    labels: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Labels its execution must carry (all of them).'),
  })
  .strict()

const whereSchema = z
  .object({
    id: z.string().min(1).describe('Id of this filter group, unique within the trigger.'),
    operand: z.enum(['AND', 'OR']).default('AND').describe('How the group’s filters combine.'),
    filters: z
      .array(
        z
          .object({
            field: z.enum(['FLOW_ID', 'NAMESPACE', 'STATE', 'EXPRESSION']).describe('What is compared.'),
            type: z
              .string()
              .min(1)
              .describe(
                'The comparison: `EQUAL_TO`, `NOT_EQUAL_TO`, `IN`, `NOT_IN`, `STARTS_WITH`, `IS_TRUE`…',
              ),
            value: z.string().optional().describe('The value compared with.'),
            values: z.array(z.string()).optional().describe('The values, for `IN` / `NOT_IN`.'),
          })
          .strict(),
      )
      .min(1),
  })
  .strict()

const timeWindowSchema = z
  .object({
    type: z
      .enum(['DURATION_WINDOW', 'SLIDING_WINDOW', 'DAILY_TIME_DEADLINE', 'DAILY_TIME_WINDOW'])
      .optional()
      .describe('How the window is drawn; Kestra’s default is a sliding window of one day.'),
    window: duration
      .optional()
      .describe('Length of the window (DURATION_WINDOW, SLIDING_WINDOW), e.g. PT12H.'),
    windowAdvance: duration.optional().describe('Offset of a DURATION_WINDOW from midnight.'),
    deadline: time.optional().describe('Daily deadline (DAILY_TIME_DEADLINE).'),
    startTime: time.optional().describe('Daily start (DAILY_TIME_WINDOW).'),
    endTime: time.optional().describe('Daily end (DAILY_TIME_WINDOW).'),
  })
  .strict()

/** The Flow trigger's settings, for the executor that will fire it when upstream executions end. */
export const flowTriggerProps = z.object({
  inputs: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('Inputs of the started execution; templates may use `trigger.outputs`, `trigger.executionId`…'),
  states: z
    .array(stateSchema)
    .optional()
    .describe('Upstream end states that trigger (Kestra: SUCCESS, WARNING, FAILED, KILLED… by default).'),
  preconditions: z
    .object({
      id: z
        .string()
        .min(1)
        .optional()
        .describe('Key under which the trigger tracks which preconditions were met.'),
      flows: z.array(upstreamFlowSchema).optional().describe('Upstream flows that must all have run.'),
      where: z.array(whereSchema).optional().describe('Filters on any upstream execution.'),
      timeWindow: timeWindowSchema.optional().describe('Period within which every precondition must be met.'),
      resetOnSuccess: z
        .boolean()
        .default(true)
        .describe('Start counting again after the trigger fired, instead of firing for every later match.'),
    })
    .strict()
    .optional()
    .describe(
      'Which upstream executions start this flow (no templates: Kestra evaluates them declaratively).',
    ),
})

/**
 * `io.kestra.plugin.core.trigger.Flow`: starts an execution when executions of other flows end. Parsed and
 * validated with Kestra's property names; Verity does not fire it yet.
 */
export const flowTrigger = defineComponent({
  type: 'io.kestra.plugin.core.trigger.Flow',
  aliases: ['io.kestra.core.models.triggers.types.Flow'],
  category: 'trigger',
  title: 'Start an execution when executions of other flows end.',
  description:
    '**Validated, not yet fired:** Verity checks every property so Kestra flows port over unchanged, but does ' +
    'not start executions from this trigger yet (the Webhook trigger does run). `preconditions` select the ' +
    'upstream executions (`flows` with their `states`, `where` filters, a `timeWindow`); legacy `conditions` ' +
    '(any Kestra condition type, e.g. `io.kestra.plugin.core.condition.ExecutionStatus`) are parsed but not ' +
    'evaluated. The started execution will see `trigger.executionId`, `trigger.namespace`, `trigger.flowId`, ' +
    '`trigger.state` and `trigger.outputs` (the upstream flow outputs).',
  props: flowTriggerProps,
  implementation: {},
  examples: [
    {
      title: 'Transform after extract succeeded',
      code:
        'id: transform\nnamespace: company.team\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n' +
        '    message: "after {{ trigger.executionId }}"\ntriggers:\n  - id: after_extract\n' +
        '    type: io.kestra.plugin.core.trigger.Flow\n    inputs:\n      date: "{{ trigger.outputs.date }}"\n' +
        '    preconditions:\n      id: flows\n      flows:\n        - namespace: company.team\n' +
        '          flowId: extract\n          states: [SUCCESS]',
    },
  ],
})
