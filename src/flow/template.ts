import { checkSyntax, isTemplate as isTemplateText } from '../expr/index.ts'
import type { ValidationIssue } from './issues.ts'
import type { PathSegment, SourceMap } from './source-map.ts'

/** True for a string the engine will render (`{{ … }}` or `{% … %}`). */
export function isTemplate(value: unknown): value is string {
  return typeof value === 'string' && isTemplateText(value)
}

/**
 * Syntax-checks every template string inside `value` (found at `base`), each error positioned at the exact
 * character in the file where the scalar's style allows it.
 */
export function checkTemplates(value: unknown, base: PathSegment[], sourceMap: SourceMap): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const visit = (current: unknown, path: PathSegment[]) => {
    if (isTemplate(current)) {
      for (const error of checkSyntax(current)) {
        issues.push({
          message: `invalid expression: ${error.message}`,
          position: sourceMap.positionInString(path, error.offset),
        })
      }
    } else if (Array.isArray(current)) {
      for (const [index, item] of current.entries()) visit(item, [...path, index])
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, child] of Object.entries(current)) visit(child, [...path, key])
    }
  }
  visit(value, base)
  return issues
}
