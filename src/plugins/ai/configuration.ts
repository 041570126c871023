import { jsonSchema, Output } from 'ai'
import { z } from 'zod'
import { AiConfigurationError } from './errors.ts'

/** Kestra's `configuration` of an AI task: sampling settings and the response format. */
export const configurationSchema = z
  .object({
    temperature: z
      .number()
      .min(0)
      .optional()
      .describe('Randomness of the generation; lower is more deterministic.'),
    topP: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('Nucleus sampling: cumulative probability of the tokens kept.'),
    topK: z.number().int().positive().optional().describe('Samples only among the K most likely tokens.'),
    seed: z
      .number()
      .int()
      .optional()
      .describe('Random seed, for repeatable outputs where the provider supports it.'),
    maxToken: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Maximum number of tokens the model may generate.'),
    responseFormat: z
      .object({
        type: z
          .enum(['TEXT', 'JSON'])
          .default('TEXT')
          .describe('`TEXT` (default) or `JSON` (output in `jsonOutput`).'),
        jsonSchema: z
          .record(z.string(), z.unknown())
          .optional()
          .describe('JSON Schema the JSON response must follow (only with `type: JSON`).'),
        jsonSchemaDescription: z.string().optional().describe('Natural-language description of the schema.'),
      })
      .optional()
      .describe('Plain text (default) or JSON, optionally constrained by a JSON Schema.'),
  })
  .default({})
  .describe('Language model configuration.')

export type Configuration = z.output<typeof configurationSchema>

/** The AI SDK call settings of a configuration. */
export function callSettings(configuration: Configuration) {
  return {
    temperature: configuration.temperature,
    topP: configuration.topP,
    topK: configuration.topK,
    seed: configuration.seed,
    maxOutputTokens: configuration.maxToken,
  }
}

/** True when the task must answer JSON (`jsonOutput`) rather than text (`textOutput`). */
export function wantsJson(configuration: Configuration): boolean {
  return configuration.responseFormat?.type === 'JSON'
}

/**
 * The AI SDK output specification: a JSON object (constrained by the schema when one is given), or undefined
 * for plain text. Throws when a schema is given with `type: TEXT`, as Kestra does.
 */
export function outputSpecification(configuration: Configuration) {
  const format = configuration.responseFormat
  if (format === undefined || format.type === 'TEXT') {
    if (format?.jsonSchema !== undefined) {
      throw new AiConfigurationError(
        'configuration.responseFormat.jsonSchema is only allowed when configuration.responseFormat.type is JSON',
      )
    }
    return undefined
  }
  if (format.jsonSchema === undefined) return Output.json({ description: format.jsonSchemaDescription })
  // The schema goes to the provider as written; zod (from the same JSON Schema) checks the answer against it.
  const validator = z.fromJSONSchema(format.jsonSchema as Parameters<typeof z.fromJSONSchema>[0])
  return Output.object({
    schema: jsonSchema(format.jsonSchema as Parameters<typeof jsonSchema>[0], {
      validate: (value) => {
        const checked = validator.safeParse(value)
        return checked.success
          ? { success: true, value: checked.data }
          : { success: false, error: new Error(z.prettifyError(checked.error)) }
      },
    }),
    name: 'output',
    description: format.jsonSchemaDescription,
  })
}
