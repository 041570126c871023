import { VerityError } from '../errors.ts'
import type { SourcePosition } from './types.ts'

/** One problem found in a flow (or config) file, with where it is. */
export interface ValidationIssue {
  message: string
  position: SourcePosition
}

/** `file:line:col: message (at path)`: the one line format used by `verity validate`, errors and the API. */
export function formatIssue(issue: ValidationIssue): string {
  const { file, line, column, path } = issue.position
  return `${file}:${line}:${column}: ${issue.message}${path ? ` (at ${path})` : ''}`
}

/** Sorts issues by file position (stable for equal positions) and drops exact duplicates. */
export function sortIssues(issues: readonly ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>()
  return [...issues]
    .sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column)
    .filter((issue) => {
      const key = formatIssue(issue)
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
}

/** A flow that cannot be parsed or validated: every issue found, each with file:line:column and YAML path. */
export class FlowValidationError extends VerityError {
  readonly issues: ValidationIssue[]

  constructor(issues: readonly ValidationIssue[], code = 'FLOW_VALIDATION') {
    const sorted = sortIssues(issues)
    super(code, sorted.map(formatIssue).join('\n'))
    this.issues = sorted
  }
}
