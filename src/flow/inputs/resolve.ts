import { VerityError } from '../../errors.ts'
import { didYouMean } from '../closest.ts'
import type { Flow } from '../types.ts'
import { coerceInputValue } from './coerce.ts'

/** One bad input value. */
export interface InputIssue {
  /** The input's id. */
  input: string
  message: string
}

/** Execution inputs that do not fit the flow's declarations; lists every bad input at once. */
export class InputError extends VerityError {
  readonly issues: InputIssue[]

  constructor(issues: InputIssue[]) {
    super('INPUT', issues.map((issue) => `input '${issue.input}': ${issue.message}`).join('\n'))
    this.issues = issues
  }
}

/** Default cap on the total size of an execution's inputs (serialised as JSON). */
export const MAX_INPUTS_BYTES = 1024 * 1024

const TEMPLATE = /\{\{|\{%/

function preview(value: unknown, type: string): string {
  // A SECRET's value never appears in an error, wherever the error ends up.
  if (type === 'SECRET') return '******'
  const text = typeof value === 'string' ? `'${value}'` : JSON.stringify(value)
  return text.length > 80 ? `${text.slice(0, 77)}…` : text
}

/**
 * The inputs an execution starts with: given values converted to their declared types, defaults applied, optional
 * inputs without a value set to `null` (so `inputs.x ?? …` works). Throws an `InputError` naming every missing,
 * unknown or badly-typed input with the expected type and the value given.
 * Defaults written as templates (`{{ now() }}`) are returned unrendered, for the engine to render.
 * @example resolveInputs(flow, { nr: '42' }) // { nr: 42 } for an INT input `nr`
 */
export function resolveInputs(
  flow: Pick<Flow, 'inputs'>,
  given: Record<string, unknown>,
  options: { maxBytes?: number } = {},
): Record<string, unknown> {
  const maxBytes = options.maxBytes ?? MAX_INPUTS_BYTES
  const size = Buffer.byteLength(JSON.stringify(given) ?? '')
  if (size > maxBytes) {
    throw new InputError([
      { input: '*', message: `inputs take ${size} bytes, more than the ${maxBytes} allowed` },
    ])
  }
  const issues: InputIssue[] = []
  const resolved: Record<string, unknown> = {}
  const declared = new Set(flow.inputs.map((input) => input.id))
  for (const name of Object.keys(given)) {
    if (!declared.has(name)) {
      issues.push({ input: name, message: `unknown input${didYouMean(name, [...declared])}` })
    }
  }
  for (const definition of flow.inputs) {
    const provided = Object.hasOwn(given, definition.id) && given[definition.id] !== undefined
    const value = provided ? given[definition.id] : definition.defaults
    if (value === undefined || value === null) {
      if (definition.required)
        issues.push({ input: definition.id, message: `missing required ${definition.type}` })
      else resolved[definition.id] = null
      continue
    }
    if (!provided && typeof value === 'string' && TEMPLATE.test(value)) {
      resolved[definition.id] = value
      continue
    }
    const converted = coerceInputValue(definition, value)
    if (converted.ok) resolved[definition.id] = converted.value
    else {
      const origin = provided ? 'value' : 'default'
      issues.push({
        input: definition.id,
        message: `expected ${definition.type}${definition.type === 'ARRAY' ? ` of ${definition.itemType}` : ''}, ${origin} ${preview(value, definition.type)} ${converted.reason}`,
      })
    }
  }
  if (issues.length > 0) throw new InputError(issues)
  return resolved
}
