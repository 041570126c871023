/**
 * Verity's expression language: a safe, Pebble-compatible subset as used by Kestra flows.
 *
 * - `render(template, context)` renders text; `renderValue` keeps the type of a whole-value expression;
 *   `evaluate` reads a bare expression (`runIf`, If's `condition`); `checkSyntax` validates without running.
 * - Safety: values are walked by own properties only (see `values.ts`); no JavaScript is evaluated; every
 *   render is bounded by {@link ExpressionLimits}.
 *
 * Whole-value rule: a template that is exactly one `{{ expr }}` (whitespace around allowed) gives the value
 * with its type from `renderValue` (a map stays a map, a number a number); anything else is rendered to text.
 */
import type { Expression, TemplateNode } from './ast.ts'
import { LruCache } from './cache.ts'
import { ExpressionError, type ExpressionSyntaxError, LocatedError, positionOf } from './errors.ts'
import { evaluateStrict } from './evaluator.ts'
import { isTemplate } from './lexer.ts'
import { type ExpressionLimits, resolveLimits } from './limits.ts'
import { BARE_PREFIX, parseBareExpression, parseTemplate } from './parse-template.ts'
import { renderNodes } from './render-nodes.ts'
import type { HostFunction, Runtime } from './runtime.ts'
import { unbox } from './values.ts'

export { ExpressionError, type ExpressionSyntaxError } from './errors.ts'
export { isTemplate } from './lexer.ts'
export { DEFAULT_LIMITS, type ExpressionLimits } from './limits.ts'
export type { HostFunction } from './runtime.ts'
export { isTruthy } from './values.ts'

/** What an expression can see and call. */
export interface ExpressionContext {
  /** Root variables: flow, execution, inputs, outputs, vars, labels, task, taskrun, parent, envs, trigger… */
  variables: Record<string, unknown>
  /** Host functions the engine provides (kv, secret, …); may be async. Built-ins take precedence. */
  functions?: Record<string, HostFunction>
  limits?: Partial<ExpressionLimits>
}

const templateCache = new LruCache<string, TemplateNode[]>(2000)
const expressionCache = new LruCache<string, Expression>(2000)

function toExpressionError(error: unknown, template: string): unknown {
  if (error instanceof LocatedError)
    return new ExpressionError(error.message, template, Math.max(0, error.offset))
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return new ExpressionError('Expression nested too deeply', template, 0)
  }
  return error
}

function checkLength(template: string, limits: ExpressionLimits): void {
  if (template.length > limits.maxTemplateLength) {
    throw new ExpressionError(
      `Template of ${template.length} characters exceeds the limit of ${limits.maxTemplateLength}`,
      template,
      0,
    )
  }
}

function parseCached(template: string, limits: ExpressionLimits): TemplateNode[] {
  const cached = templateCache.get(template)
  if (cached) return cached
  checkLength(template, limits)
  try {
    const nodes = parseTemplate(template, limits.maxDepth)
    templateCache.set(template, nodes)
    return nodes
  } catch (error) {
    throw toExpressionError(error, template)
  }
}

function createRuntime(
  context: ExpressionContext,
  limits: ExpressionLimits,
  counters: Runtime['counters'],
): Runtime {
  const runtime: Runtime = {
    variables: context.variables,
    functions: context.functions ?? {},
    limits,
    scopes: [new Map()],
    counters,
    renderNested: async (nested) => {
      if (++counters.depth > limits.maxDepth)
        throw new LocatedError(`render() nested deeper than ${limits.maxDepth} levels`, -1)
      try {
        return await renderWith(nested, context, limits, counters)
      } finally {
        counters.depth--
      }
    },
  }
  return runtime
}

async function renderWith(
  template: string,
  context: ExpressionContext,
  limits: ExpressionLimits,
  counters: Runtime['counters'],
) {
  if (!isTemplate(template)) return template
  const nodes = parseCached(template, limits)
  const output = { parts: [] as string[], length: 0 }
  try {
    await renderNodes(nodes, createRuntime(context, limits, counters), output)
  } catch (error) {
    throw toExpressionError(error, template)
  }
  return output.parts.join('')
}

/**
 * Renders a template to text.
 * @example await render('Hello {{ inputs.name | upper }}', { variables: { inputs: { name: 'ada' } } }) // 'Hello ADA'
 */
export function render(template: string, context: ExpressionContext): Promise<string> {
  return renderWith(template, context, resolveLimits(context.limits), { iterations: 0, depth: 0 })
}

/** The single `{{ expr }}` of a whole-value template, or undefined when the template is anything else. */
function wholeValueExpression(nodes: TemplateNode[]): Expression | undefined {
  const significant = nodes.filter((node) => !(node.kind === 'text' && node.text.trim() === ''))
  return significant.length === 1 && significant[0].kind === 'print' ? significant[0].expression : undefined
}

/**
 * Verity's whole-value rule: if the template is exactly one `{{ expr }}` (whitespace around allowed),
 * returns the evaluated value with its type; otherwise renders to a string.
 * @example await renderValue('{{ [1, 2] }}', { variables: {} }) // [1, 2]
 */
export async function renderValue(template: string, context: ExpressionContext): Promise<unknown> {
  if (!isTemplate(template)) return template
  const limits = resolveLimits(context.limits)
  const expression = wholeValueExpression(parseCached(template, limits))
  if (!expression) return render(template, context)
  const runtime = createRuntime(context, limits, { iterations: 0, depth: 0 })
  try {
    return unbox(await evaluateStrict(expression, runtime))
  } catch (error) {
    throw toExpressionError(error, template)
  }
}

/**
 * Evaluates a bare expression (no `{{ }}`), as written in `runIf` or an If task's `condition`.
 * A value wrapped in `{{ }}` is accepted too.
 * @example await evaluate('inputs.count > 2', { variables: { inputs: { count: 3 } } }) // true
 */
export async function evaluate(expression: string, context: ExpressionContext): Promise<unknown> {
  if (isTemplate(expression)) return renderValue(expression, context)
  const limits = resolveLimits(context.limits)
  let node = expressionCache.get(expression)
  if (!node) {
    checkLength(expression, limits)
    try {
      node = parseBareExpression(expression, limits.maxDepth)
    } catch (error) {
      // The parser saw the expression wrapped in `{{ }}`; shift offsets back onto the user's text.
      if (error instanceof LocatedError)
        throw new ExpressionError(error.message, expression, Math.max(0, error.offset - BARE_PREFIX.length))
      throw toExpressionError(error, expression)
    }
    expressionCache.set(expression, node)
  }
  const runtime = createRuntime(context, limits, { iterations: 0, depth: 0 })
  try {
    return unbox(await evaluateStrict(node, runtime))
  } catch (error) {
    if (error instanceof LocatedError)
      throw new ExpressionError(error.message, expression, Math.max(0, error.offset - BARE_PREFIX.length))
    throw toExpressionError(error, expression)
  }
}

/**
 * Syntax-only check for flow validation: returns the first syntax error (the parser stops there) with its
 * offset and line/column in the template, or an empty list. Never evaluates anything.
 */
export function checkSyntax(template: string): ExpressionSyntaxError[] {
  if (!isTemplate(template)) return []
  try {
    parseCached(template, resolveLimits(undefined))
    return []
  } catch (error) {
    if (error instanceof ExpressionError) {
      return [{ message: error.reason, offset: error.offset, ...positionOf(template, error.offset) }]
    }
    throw error
  }
}
