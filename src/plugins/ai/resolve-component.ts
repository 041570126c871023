import type { RunContext } from '../../engine/run-context.ts'
import type { PluginObject } from '../../flow/types.ts'
import type { ComponentPlugin } from '../define.ts'
import { AiConfigurationError } from './errors.ts'

/**
 * Resolves a nested component (defaults applied, validated, rendered) and checks it is of the expected category,
 * so `provider: {type: …CodeExecution}` fails with a clear message instead of an odd crash.
 */
export async function resolveComponent<I, P = Record<string, unknown>>(
  ctx: RunContext,
  object: PluginObject,
  path: string,
  category: ComponentPlugin['category'],
): Promise<{ type: string; props: P; implementation: I }> {
  const resolved = await ctx.resolvePlugin<P>(object, path)
  if (resolved.plugin.kind !== 'component' || resolved.plugin.category !== category) {
    throw new AiConfigurationError(`${path}: ${resolved.type} is not a ${category} (it cannot be used here)`)
  }
  return { type: resolved.type, props: resolved.props, implementation: resolved.plugin.implementation as I }
}
