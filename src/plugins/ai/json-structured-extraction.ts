import { z } from 'zod'
import { componentRef, defineRunnableTask } from '../define.ts'
import { agentOutputsSchema } from './agent-outputs.ts'
import { runAgent } from './agent-runner.ts'
import { configurationSchema } from './configuration.ts'

/** `io.kestra.plugin.ai.completion.JSONStructuredExtraction`: pulls named string fields out of a text as JSON. */
export const jsonStructuredExtraction = defineRunnableTask({
  type: 'io.kestra.plugin.ai.completion.JSONStructuredExtraction',
  title: 'Extract named fields from a text as a JSON object.',
  props: z.object({
    prompt: z.string().min(1).describe('The text to extract from, with any instructions.'),
    systemMessage: z
      .string()
      .default('You are a structured JSON extraction assistant. Always respond with valid JSON.')
      .describe('Instructions for the model.'),
    schemaName: z.string().min(1).describe('Name of the JSON schema (guides the model).'),
    jsonFields: z
      .array(z.string().min(1))
      .min(1)
      .describe('The fields to extract; each becomes a string property.'),
    provider: componentRef('provider', 'The language model provider.'),
    configuration: configurationSchema,
  }),
  rawProps: ['provider'],
  outputs: z.object({
    schemaName: z.string(),
    extractedJson: z.string().describe('The extracted JSON object, as text (Kestra’s output).'),
    tokenUsage: agentOutputsSchema.shape.tokenUsage,
    finishReason: agentOutputsSchema.shape.finishReason,
  }),
  async run(ctx, props) {
    const properties = Object.fromEntries(props.jsonFields.map((field) => [field, { type: 'string' }]))
    const outputs = await runAgent(ctx, {
      path: '',
      provider: props.provider,
      systemMessage: props.systemMessage,
      messages: [{ role: 'user', content: props.prompt }],
      configuration: {
        ...props.configuration,
        responseFormat: {
          type: 'JSON',
          jsonSchema: { type: 'object', properties, required: props.jsonFields, additionalProperties: false },
          jsonSchemaDescription: props.schemaName,
        },
      },
    })
    return {
      schemaName: props.schemaName,
      extractedJson: JSON.stringify(outputs.jsonOutput),
      tokenUsage: outputs.tokenUsage,
      finishReason: outputs.finishReason,
    }
  },
})
