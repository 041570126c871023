import { VerityError } from '../errors.ts'

/** A syntax problem found by {@link checkSyntax}, located by offset and line/column (1-based) in the template. */
export interface ExpressionSyntaxError {
  /** What is wrong, without the position (e.g. `Unexpected token ')'`). */
  message: string
  /** 0-based character offset in the template. */
  offset: number
  line: number
  column: number
}

/** Line and column (both 1-based) of a character offset in a text. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  const end = Math.min(offset, text.length)
  for (let index = 0; index < end; index++) {
    if (text.charCodeAt(index) === 10) {
      line++
      lineStart = index + 1
    }
  }
  return { line, column: end - lineStart + 1 }
}

const EXCERPT_LIMIT = 120

/** The template as quoted in messages: whole when short, else a window around the offset. */
function excerpt(template: string, offset: number): string {
  if (template.length <= EXCERPT_LIMIT) return template
  const start = Math.max(0, Math.min(offset - EXCERPT_LIMIT / 2, template.length - EXCERPT_LIMIT))
  const window = template.slice(start, start + EXCERPT_LIMIT)
  return `${start > 0 ? '…' : ''}${window}${start + EXCERPT_LIMIT < template.length ? '…' : ''}`
}

/**
 * A user's mistake in an expression or template: syntax, undefined variable, wrong type, limit exceeded.
 * Carries the template text and the position in it; the message reads like
 * `Undefined variable 'inputs.nr' at 1:4 in "{{ inputs.nr }}"`.
 */
export class ExpressionError extends VerityError {
  /** The template or expression being rendered. */
  readonly expression: string
  /** The reason alone, without position or template. */
  readonly reason: string
  readonly offset: number
  readonly line: number
  readonly column: number

  constructor(reason: string, expression: string, offset: number, options: { cause?: unknown } = {}) {
    const { line, column } = positionOf(expression, offset)
    super('EXPRESSION', `${reason} at ${line}:${column} in "${excerpt(expression, offset)}"`, options)
    this.expression = expression
    this.reason = reason
    this.offset = offset
    this.line = line
    this.column = column
  }
}

/**
 * Thrown inside the lexer, parser and evaluator where the template text is not at hand; the public entry
 * points turn it into an {@link ExpressionError} carrying the template.
 */
export class LocatedError extends Error {
  readonly offset: number
  constructor(message: string, offset: number) {
    super(message)
    this.offset = offset
  }
}
