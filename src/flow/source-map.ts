import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml'
import { FlowValidationError, type ValidationIssue } from './issues.ts'
import type { SourcePosition } from './types.ts'

/** One step of a YAML path: a map key or a sequence index. */
export type PathSegment = string | number

/**
 * `['tasks', 1, 'provider', 'modelName']` → `tasks[1].provider.modelName`; with `prefix`, appended to that path.
 */
export function formatPath(path: readonly PathSegment[], prefix = ''): string {
  let text = prefix
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) text += text === '' ? segment : `.${segment}`
    else text += `[${JSON.stringify(segment)}]`
  }
  return text
}

/** Largest YAML document we parse; bigger sources are almost certainly a mistake (or an attack). */
export const MAX_SOURCE_BYTES = 4 * 1024 * 1024

/**
 * Answers "where in the file is this YAML path?" for a parsed document. Paths that do not exist in the file (a
 * value added by pluginDefaults, a missing required property) resolve to their nearest existing ancestor.
 */
export class SourceMap {
  readonly file: string
  readonly #document: Document
  readonly #lineCounter: LineCounter
  readonly #source: string

  constructor(file: string, source: string, document: Document, lineCounter: LineCounter) {
    this.file = file
    this.#source = source
    this.#document = document
    this.#lineCounter = lineCounter
  }

  /** Position of the value at `path`; with `key: true`, of the map key naming it (for "unknown property"). */
  positionOf(path: readonly PathSegment[], options: { key?: boolean } = {}): SourcePosition {
    const found = this.#locate(path)
    const node = options.key && found.keyNode && found.complete ? found.keyNode : found.node
    const position = this.positionAtOffset(node?.range?.[0] ?? 0, path)
    if (node?.range) {
      const end = this.#lineCounter.linePos(node.range[1])
      position.endLine = end.line
      position.endColumn = end.col
    }
    return position
  }

  /**
   * Position of character `index` inside the string scalar at `path` (for an error inside a template). Exact for
   * plain and quoted single-line scalars without escapes and for literal blocks (`|`); otherwise the scalar's start.
   */
  positionInString(path: readonly PathSegment[], index: number): SourcePosition {
    const found = this.#locate(path)
    const node = found.complete ? found.node : undefined
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return this.positionOf(path)
    const offset = this.#offsetInScalar(node.value, node.type, node.range[0], node.range[1], index)
    return this.positionAtOffset(offset, path)
  }

  /** Converts a character offset in the source into a position labelled with `path`. */
  positionAtOffset(offset: number, path: readonly PathSegment[]): SourcePosition {
    const { line, col } = this.#lineCounter.linePos(offset)
    return { file: this.file, line, column: col, path: formatPath(path) }
  }

  #locate(path: readonly PathSegment[]): { node: Node | null; keyNode?: Node; complete: boolean } {
    let node = this.#resolve(this.#document.contents as Node | null)
    let keyNode: Node | undefined
    for (const segment of path) {
      let next: Node | null | undefined
      if (isMap(node)) {
        const pair = node.items.find(
          (item) => isScalar(item.key) && String(item.key.value) === String(segment),
        )
        keyNode = pair?.key as Node | undefined
        const valueNode = pair?.value as Node | null | undefined
        // `key:` with no value has no node, or an empty one: point at the key instead.
        const empty = !valueNode || (valueNode.range && valueNode.range[0] === valueNode.range[1])
        next = pair ? (empty ? keyNode : valueNode) : undefined
      } else if (isSeq(node) && typeof segment === 'number') {
        keyNode = undefined
        next = node.items[segment] as Node | undefined
      }
      if (!next) return { node, complete: false }
      node = this.#resolve(next)
    }
    return { node, keyNode, complete: true }
  }

  #resolve(node: Node | null): Node | null {
    return isAlias(node) ? ((node.resolve(this.#document) as Node | undefined) ?? node) : node
  }

  #offsetInScalar(
    value: string,
    type: string | undefined,
    start: number,
    end: number,
    index: number,
  ): number {
    const raw = this.#source.slice(start, end)
    if (type === 'PLAIN' && raw === value) return start + index
    if ((type === 'QUOTE_SINGLE' || type === 'QUOTE_DOUBLE') && raw.slice(1, -1) === value)
      return start + 1 + index
    if (type === 'BLOCK_LITERAL') {
      const before = value.slice(0, index)
      const lineIndex = before.split('\n').length - 1
      const column = index - (before.lastIndexOf('\n') + 1)
      const contentLines = raw.slice(raw.indexOf('\n') + 1).split('\n')
      const indent = contentLines.find((line) => line.trim() !== '')?.search(/\S/) ?? 0
      let offset = start + raw.indexOf('\n') + 1
      for (let line = 0; line < lineIndex && line < contentLines.length; line++) {
        offset += contentLines[line].length + 1
      }
      return offset + indent + column
    }
    return start
  }
}

const TOO_DEEP = 'invalid YAML: nested too deeply'

/** A parsed YAML source: its plain data and the map back to positions. */
export interface ParsedYaml {
  value: unknown
  sourceMap: SourceMap
}

/**
 * Parses YAML keeping source positions. Throws a `FlowValidationError` listing every syntax error (malformed
 * YAML, duplicate keys, tabs…) with its file:line:column. Aliases are expanded with a cap (no "billion laughs").
 */
export function parseYaml(source: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter()
  if (Buffer.byteLength(source) > MAX_SOURCE_BYTES) {
    throw new FlowValidationError([
      {
        message: `file is larger than ${MAX_SOURCE_BYTES} bytes`,
        position: { file, line: 1, column: 1, path: '' },
      },
    ])
  }
  const document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const sourceMap = new SourceMap(file, source, document, lineCounter)
  const issues: ValidationIssue[] = []
  for (const error of document.errors) {
    // The parser gives up on absurd nesting with a stack overflow; say so once, in the author's terms.
    const tooDeep = error.message.includes('Maximum call stack size exceeded')
    if (tooDeep && issues.some((issue) => issue.message === TOO_DEEP)) continue
    const message =
      error.code === 'MULTIPLE_DOCS'
        ? 'invalid YAML: one document per file (a second one starts here with ---)'
        : tooDeep
          ? TOO_DEEP
          : `invalid YAML: ${error.message.split('\n')[0]}`
    issues.push({ message, position: sourceMap.positionAtOffset(error.pos[0], []) })
  }
  if (issues.length > 0) throw new FlowValidationError(issues)
  try {
    return { value: document.toJS({ maxAliasCount: 1000 }), sourceMap }
  } catch (error) {
    throw new FlowValidationError([
      { message: `invalid YAML: ${(error as Error).message}`, position: sourceMap.positionOf([]) },
    ])
  }
}
