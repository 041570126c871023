import type { Runtime } from '../runtime.ts'

/**
 * A built-in filter: `input | name(args…, named=…)`. Input and arguments arrive unboxed; a user mistake is
 * reported with `fail()`, and the evaluator adds the filter's name and position.
 */
export type Filter = (
  input: unknown,
  args: unknown[],
  named: Record<string, unknown>,
  runtime: Runtime,
) => unknown | Promise<unknown>
