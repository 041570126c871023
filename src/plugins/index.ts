import { aiPlugins } from './ai/index.ts'
import { corePlugins } from './core/index.ts'
import { PluginRegistry } from './registry.ts'

export type * from './define.ts'
export { componentRef, defineComponent, defineFlowableTask, defineRunnableTask } from './define.ts'
export { PluginRegistry } from './registry.ts'

/** A registry with every plugin Verity ships. */
export function createDefaultRegistry(): PluginRegistry {
  return new PluginRegistry().register(...corePlugins, ...aiPlugins)
}
