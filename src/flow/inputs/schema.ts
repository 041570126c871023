import { z } from 'zod'
import { INPUT_ID_PATTERN } from '../language-schema.ts'
import type { InputType } from '../types.ts'

export const INPUT_TYPES = [
  'STRING',
  'INT',
  'FLOAT',
  'BOOLEAN',
  'BOOL',
  'SELECT',
  'MULTISELECT',
  'ENUM',
  'ARRAY',
  'JSON',
  'YAML',
  'DATETIME',
  'DATE',
  'TIME',
  'DURATION',
  'URI',
  'EMAIL',
  'SECRET',
  'FILE',
] as const satisfies readonly InputType[]

const WITH_VALUES = new Set<InputType>(['SELECT', 'MULTISELECT', 'ENUM'])

/** A flow input as authored. Type-specific checks (min/max, validator…) are optional props of the same object. */
export const inputDefinitionSchema = z
  .object({
    id: z
      .string()
      .min(1)
      .max(100)
      .regex(INPUT_ID_PATTERN, { message: `must match ${INPUT_ID_PATTERN.source}` })
      .describe('Name of the input, used as `inputs.<id>`.'),
    type: z.enum(INPUT_TYPES).describe('Type the given value is checked and converted to.'),
    description: z.string().optional(),
    displayName: z.string().optional().describe('Label shown in forms.'),
    required: z.boolean().default(true).describe('An execution needs a value (or `defaults`). Default true.'),
    defaults: z.unknown().optional().describe('Value used when none is given.'),
    values: z.array(z.string()).min(1).optional().describe('Choices of SELECT, MULTISELECT and ENUM.'),
    allowCustomValue: z.boolean().optional().describe('SELECT/MULTISELECT: accept values outside `values`.'),
    itemType: z.enum(INPUT_TYPES).optional().describe('ARRAY: type of each item.'),
    validator: z.string().optional().describe('STRING: regular expression the whole value must match.'),
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().min(0).optional(),
    min: z
      .union([z.number(), z.string()])
      .optional()
      .describe('INT/FLOAT: smallest value; DURATION: shortest.'),
    max: z
      .union([z.number(), z.string()])
      .optional()
      .describe('INT/FLOAT: largest value; DURATION: longest.'),
    after: z.string().optional().describe('DATETIME/DATE/TIME: value must be after this one.'),
    before: z.string().optional().describe('DATETIME/DATE/TIME: value must be before this one.'),
  })
  .strict()
  .superRefine((input, context) => {
    if (WITH_VALUES.has(input.type) && input.values === undefined) {
      context.addIssue({ code: 'custom', path: ['values'], message: `required for a ${input.type} input` })
    }
    if (input.type === 'ARRAY' && input.itemType === undefined) {
      context.addIssue({ code: 'custom', path: ['itemType'], message: 'required for an ARRAY input' })
    }
    if (input.validator !== undefined) {
      try {
        new RegExp(input.validator)
      } catch (error) {
        context.addIssue({ code: 'custom', path: ['validator'], message: (error as Error).message })
      }
    }
  })

/** A flow output: a value computed at the end of an execution, typed like an input. */
export const flowOutputSchema = z
  .object({
    id: z
      .string()
      .min(1)
      .regex(INPUT_ID_PATTERN, { message: `must match ${INPUT_ID_PATTERN.source}` }),
    type: z.enum(INPUT_TYPES),
    value: z
      .unknown()
      .refine((value) => value !== undefined, { message: "missing required property 'value'" })
      .describe('The value, usually a template such as `{{ outputs.task.value }}`.'),
    description: z.string().optional(),
    displayName: z.string().optional(),
    required: z.boolean().optional(),
  })
  .strict()
