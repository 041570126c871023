import type { ExpressionLimits } from './limits.ts'

/** A host function the engine provides (kv, secret…); may be async. */
export type HostFunction = (args: unknown[], named: Record<string, unknown>) => unknown | Promise<unknown>

/** What one render needs while it walks the tree; nested `render()` calls share the counters. */
export interface Runtime {
  variables: Record<string, unknown>
  functions: Record<string, HostFunction>
  limits: ExpressionLimits
  /** Local variables (`set`, loop variables), innermost last. */
  scopes: Map<string, unknown>[]
  /** Shared across nested renders. */
  counters: { iterations: number; depth: number }
  /** Renders another template with the same variables (built-in `render()`). */
  renderNested(template: string): Promise<string>
}
