import { type ExpressionContext, type HostFunction, render, renderValue } from '../expr/index.ts'

const TEMPLATE = /\{\{|\{%/

/**
 * Renders task properties for one attempt. Strings are templates; a string that is one whole `{{ expr }}` keeps
 * the expression's type (the expr engine's `renderValue` rule); maps and lists are walked. Flow `variables` are
 * themselves templates, rendered lazily: only when a template mentions `vars`, once per attempt, in declaration
 * order (a variable may use the ones before it).
 */
export class Renderer {
  readonly #variables: Record<string, unknown>
  readonly #functions: Record<string, HostFunction>
  readonly #flowVariables: Record<string, unknown>
  #vars: Promise<Record<string, unknown>> | undefined

  constructor(options: {
    variables: Record<string, unknown>
    functions: Record<string, HostFunction>
    flowVariables: Record<string, unknown>
  }) {
    this.#variables = options.variables
    this.#functions = options.functions
    this.#flowVariables = options.flowVariables
  }

  /** Deep render, typed whole-value templates. */
  async render(value: unknown, extraVars?: Record<string, unknown>): Promise<unknown> {
    if (!containsTemplate(value)) return value
    return this.#deep(value, await this.#context(value, extraVars))
  }

  /** One template to text. */
  async renderString(template: string, extraVars?: Record<string, unknown>): Promise<string> {
    if (!TEMPLATE.test(template)) return template
    return render(template, await this.#context(template, extraVars))
  }

  async #context(value: unknown, extraVars?: Record<string, unknown>): Promise<ExpressionContext> {
    let variables = this.#variables
    if (Object.keys(this.#flowVariables).length > 0 && mentionsVars(value)) {
      this.#vars ??= this.#renderFlowVariables()
      variables = { ...variables, vars: await this.#vars }
    }
    if (extraVars) variables = { ...variables, ...extraVars }
    return { variables, functions: this.#functions }
  }

  async #renderFlowVariables(): Promise<Record<string, unknown>> {
    const rendered: Record<string, unknown> = {}
    for (const [name, raw] of Object.entries(this.#flowVariables)) {
      const context = { variables: { ...this.#variables, vars: rendered }, functions: this.#functions }
      rendered[name] = await this.#deep(raw, context)
    }
    return rendered
  }

  async #deep(value: unknown, context: ExpressionContext): Promise<unknown> {
    if (typeof value === 'string') return TEMPLATE.test(value) ? renderValue(value, context) : value
    if (Array.isArray(value)) {
      const result: unknown[] = []
      for (const item of value) result.push(await this.#deep(item, context))
      return result
    }
    if (value !== null && typeof value === 'object') {
      const result: Record<string, unknown> = {}
      for (const [key, item] of Object.entries(value)) result[key] = await this.#deep(item, context)
      return result
    }
    return value
  }
}

/** True when a string somewhere inside `value` is a template (so rendering can be skipped otherwise). */
export function containsTemplate(value: unknown): boolean {
  if (typeof value === 'string') return TEMPLATE.test(value)
  if (Array.isArray(value)) return value.some(containsTemplate)
  if (value !== null && typeof value === 'object') return Object.values(value).some(containsTemplate)
  return false
}

function mentionsVars(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('vars')
  if (Array.isArray(value)) return value.some(mentionsVars)
  if (value !== null && typeof value === 'object') return Object.values(value).some(mentionsVars)
  return false
}
