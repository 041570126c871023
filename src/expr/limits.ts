/** Bounds on what one render may cost; every render checks them and fails with an ExpressionError. */
export interface ExpressionLimits {
  /** Longest template accepted, in characters. */
  maxTemplateLength: number
  /** Longest rendered output, in characters. */
  maxOutputLength: number
  /** Loop iterations in total over one render (nested loops and nested `render()` calls included). */
  maxLoopIterations: number
  /** Nesting of expressions, blocks and recursive `render()` calls. */
  maxDepth: number
  /** Largest `range()` / `a..b`. */
  maxRangeSize: number
  /** Longest string an operator, filter or function may produce. */
  maxStringLength: number
  /** Longest list an operator, filter or function may produce. */
  maxListLength: number
  /** Time allowed to one jq program or regular expression (they run in a worker thread). */
  programTimeoutMs: number
}

/** Defaults: generous for real flows, small enough that a hostile template cannot hurt the process. */
export const DEFAULT_LIMITS: ExpressionLimits = {
  maxTemplateLength: 1_000_000,
  maxOutputLength: 10_000_000,
  maxLoopIterations: 100_000,
  maxDepth: 64,
  maxRangeSize: 100_000,
  maxStringLength: 10_000_000,
  maxListLength: 1_000_000,
  programTimeoutMs: 5_000,
}

export function resolveLimits(limits: Partial<ExpressionLimits> | undefined): ExpressionLimits {
  return limits ? { ...DEFAULT_LIMITS, ...limits } : DEFAULT_LIMITS
}
