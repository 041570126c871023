import { z } from 'zod'
import { componentRef, defineRunnableTask } from '../define.ts'
import { agentOutputsSchema } from './agent-outputs.ts'
import { runAgent } from './agent-runner.ts'
import { configurationSchema } from './configuration.ts'

/** `io.kestra.plugin.ai.completion.Classification`: puts a text into exactly one of the given classes. */
export const classification = defineRunnableTask({
  type: 'io.kestra.plugin.ai.completion.Classification',
  title: 'Classify a text into one of a list of classes.',
  props: z.object({
    prompt: z.string().min(1).describe('The text to classify, with any instructions.'),
    classes: z.array(z.string().min(1)).min(2).describe('The classes to choose from.'),
    systemMessage: z
      .string()
      .default('You are a classification assistant. Answer with exactly one of the given classes.')
      .describe('Instructions for the model.'),
    provider: componentRef('provider', 'The language model provider.'),
    configuration: configurationSchema,
  }),
  rawProps: ['provider'],
  outputs: z.object({
    classification: z.string().describe('The class chosen, exactly as listed in `classes`.'),
    tokenUsage: agentOutputsSchema.shape.tokenUsage,
    finishReason: agentOutputsSchema.shape.finishReason,
  }),
  async run(ctx, props) {
    // A JSON enum makes the answer one of the classes by construction instead of by parsing free text.
    const outputs = await runAgent(ctx, {
      path: '',
      provider: props.provider,
      systemMessage: props.systemMessage,
      messages: [{ role: 'user', content: `${props.prompt}\n\nClasses: ${props.classes.join(', ')}` }],
      configuration: {
        ...props.configuration,
        responseFormat: {
          type: 'JSON',
          jsonSchema: {
            type: 'object',
            properties: { classification: { type: 'string', enum: props.classes } },
            required: ['classification'],
            additionalProperties: false,
          },
          jsonSchemaDescription: 'The class of the text',
        },
      },
    })
    const answer = outputs.jsonOutput as { classification: string }
    return {
      classification: answer.classification,
      tokenUsage: outputs.tokenUsage,
      finishReason: outputs.finishReason,
    }
  },
})
