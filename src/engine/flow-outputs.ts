import { VerityError } from '../errors.ts'
import { coerceInputValue } from '../flow/index.ts'
import type { Flow, InputDefinition } from '../flow/types.ts'
import type { Renderer } from './renderer.ts'

/**
 * Renders the flow's `outputs:` at the end of an execution, each converted to its declared `type` with the same
 * rules as inputs. Throws a user-facing error naming the output when its value cannot be rendered or typed.
 */
export async function renderFlowOutputs(flow: Flow, renderer: Renderer): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = {}
  for (const output of flow.outputs) {
    let value: unknown
    try {
      value = await renderer.render(output.value)
    } catch (error) {
      throw new VerityError('FLOW_OUTPUT', `output '${output.id}': ${(error as Error).message}`, {
        cause: error,
      })
    }
    if (value === null || value === undefined) {
      result[output.id] = null
      continue
    }
    const definition = { id: output.id, type: output.type, required: true } as InputDefinition
    const converted = coerceInputValue(definition, value)
    if (!converted.ok) {
      throw new VerityError(
        'FLOW_OUTPUT',
        `output '${output.id}': expected ${output.type}, ${converted.reason}`,
      )
    }
    result[output.id] = converted.value
  }
  return result
}

/**
 * Renders input defaults written as templates (`defaults: "{{ now() }}"`), which `resolveInputs` leaves as they
 * are, and converts them to the input's type.
 */
export async function renderInputDefaults(
  flow: Flow,
  inputs: Record<string, unknown>,
  renderer: (template: string) => Promise<unknown>,
): Promise<Record<string, unknown>> {
  const result = { ...inputs }
  for (const definition of flow.inputs) {
    const value = result[definition.id]
    if (typeof value !== 'string' || !/\{\{|\{%/.test(value) || value !== definition.defaults) continue
    const rendered = await renderer(value)
    const converted = coerceInputValue(definition, rendered)
    if (!converted.ok) {
      throw new VerityError(
        'INPUT',
        `input '${definition.id}': expected ${definition.type}, default rendered to ${JSON.stringify(rendered)} ${converted.reason}`,
      )
    }
    result[definition.id] = converted.value
  }
  return result
}
