import { z } from 'zod'
import {
  componentRef,
  defineComponent,
  defineFlowableTask,
  defineRunnableTask,
} from '../../plugins/define.ts'
import { PluginRegistry } from '../../plugins/registry.ts'

/**
 * Small plugins for tests of the flow language (validation, pluginDefaults, JSON Schema), so those tests do not
 * depend on the real core or AI plugins. Their `run`/`plan` are never called by these tests.
 */
const notRun = async (): Promise<never> => {
  throw new Error('test plugin: not meant to run')
}

export const logTask = defineRunnableTask({
  type: 'test.core.log.Log',
  title: 'Log a message.',
  examples: [{ title: 'Say hello', code: 'type: test.core.log.Log\nmessage: hello' }],
  props: z.object({
    message: z.string().describe('What to log.'),
    level: z.enum(['INFO', 'WARN']).optional(),
  }),
  run: notRun,
})

export const countTask = defineRunnableTask({
  type: 'test.core.Count',
  aliases: ['test.Count'],
  title: 'Count things (typed props for leniency tests).',
  props: z.object({
    count: z.number().int(),
    enabled: z.boolean().optional(),
    items: z.array(z.string()).optional(),
    settings: z.object({ depth: z.number(), label: z.string() }).strict().optional(),
  }),
  run: notRun,
})

export const ifTask = defineFlowableTask({
  type: 'test.core.flow.If',
  title: 'Branch on a condition.',
  props: z.object({
    condition: z.string(),
    // biome-ignore lint/suspicious/noThenProperty: Kestra's If names its branch `then`
    then: z.array(z.unknown()).min(1),
    else: z.array(z.unknown()).optional(),
  }),
  // biome-ignore lint/suspicious/noThenProperty: Kestra's If names its branch `then`
  taskLists: { then: 'list', else: 'list' },
  plan: notRun,
})

export const switchTask = defineFlowableTask({
  type: 'test.core.flow.Switch',
  title: 'Branch on a value.',
  props: z.object({ value: z.string(), cases: z.record(z.string(), z.array(z.unknown())) }),
  taskLists: { cases: 'map' },
  plan: notRun,
})

export const fakeProvider = defineComponent({
  type: 'test.ai.provider.Fake',
  category: 'provider',
  title: 'A fake LLM provider.',
  props: z.object({
    apiKey: z.string().describe('API key.'),
    modelName: z.string().describe('Model.'),
    temperature: z.number().optional(),
  }),
  implementation: {},
})

export const calculatorTool = defineComponent({
  type: 'test.ai.tool.Calculator',
  category: 'tool',
  title: 'A calculator tool.',
  props: z.object({ precision: z.number().int().optional() }),
  implementation: {},
})

export const agentTask = defineRunnableTask({
  type: 'test.ai.Agent',
  title: 'An agent.',
  props: z.object({
    provider: componentRef('provider', 'The LLM.'),
    prompt: z.string(),
    tools: z.array(componentRef('tool')).optional(),
  }),
  run: notRun,
})

export const scheduleTrigger = defineComponent({
  type: 'test.core.trigger.Schedule',
  category: 'trigger',
  title: 'Start the flow on a cron schedule.',
  props: z.object({ cron: z.string().describe('Cron expression.') }),
  implementation: {},
})

/** A registry holding every test plugin above. */
export function testRegistry(): PluginRegistry {
  return new PluginRegistry().register(
    logTask,
    countTask,
    ifTask,
    switchTask,
    fakeProvider,
    calculatorTool,
    agentTask,
    scheduleTrigger,
  )
}
