import type { TemplateNode } from './ast.ts'
import { LocatedError } from './errors.ts'
import { tokenize } from './lexer.ts'
import { describe, parseExpression, TokenStream } from './parse-expression.ts'
import { isForbiddenKey } from './values.ts'

/** Tags that end the block being parsed; the caller decides what each means. */
type EndTags = readonly string[]

/**
 * Parses a whole template into nodes. Throws {@link LocatedError} on the first syntax error.
 * `maxDepth` bounds both expression nesting and block nesting.
 */
export function parseTemplate(template: string, maxDepth: number): TemplateNode[] {
  const stream = new TokenStream(tokenize(template), maxDepth)
  const { nodes, end } = parseBlock(stream, [], 0)
  if (end !== undefined) throw new LocatedError(`Unexpected {% ${end} %}`, stream.peek().offset)
  return nodes
}

/** How a bare expression is wrapped for the lexer; offsets in it are `BARE_PREFIX.length` past the user's text. */
function wrapBareExpression(expression: string): string {
  return `${BARE_PREFIX}${expression} }}`
}
export const BARE_PREFIX = '{{ '

/** Parses a bare expression (no delimiters), as written in `runIf` or an If task's `condition`. */
export function parseBareExpression(expression: string, maxDepth: number) {
  const stream = new TokenStream(tokenize(wrapBareExpression(expression)), maxDepth)
  stream.expect('printOpen')
  const node = parseExpression(stream)
  if (!stream.is('close'))
    throw new LocatedError(`Unexpected ${describe(stream.peek())}`, stream.peek().offset)
  stream.next()
  if (!stream.is('eof')) throw new LocatedError(`Unexpected ${describe(stream.peek())}`, stream.peek().offset)
  return node
}

function parseBlock(
  stream: TokenStream,
  endTags: EndTags,
  depth: number,
): { nodes: TemplateNode[]; end?: string } {
  if (depth > stream.maxDepth) {
    throw new LocatedError(`Blocks nested deeper than ${stream.maxDepth} levels`, stream.peek().offset)
  }
  const nodes: TemplateNode[] = []
  for (;;) {
    const token = stream.next()
    if (token.type === 'eof') return { nodes }
    if (token.type === 'text') {
      nodes.push({ kind: 'text', text: token.value, offset: token.offset })
    } else if (token.type === 'printOpen') {
      const expression = parseExpression(stream)
      expectClose(stream)
      nodes.push({ kind: 'print', expression, offset: token.offset })
    } else if (token.type === 'tagOpen') {
      const nameToken = stream.peek()
      const name = stream.expectName('a tag name (if, for, set…)')
      if (endTags.includes(name)) return { nodes, end: name }
      nodes.push(parseTag(stream, name, nameToken.offset, depth))
    } else {
      throw new LocatedError(`Unexpected ${describe(token)}`, token.offset)
    }
  }
}

function expectClose(stream: TokenStream): void {
  if (stream.is('close')) {
    stream.next()
    return
  }
  throw new LocatedError(`Unexpected ${describe(stream.peek())}`, stream.peek().offset)
}

/** Parses a block until one of `endTags`; errors if the template ends first. */
function parseUntil(stream: TokenStream, endTags: EndTags, opener: string, offset: number, depth: number) {
  const result = parseBlock(stream, endTags, depth + 1)
  if (result.end === undefined)
    throw new LocatedError(`Unclosed {% ${opener} %}: missing {% ${endTags.at(-1)} %}`, offset)
  return { nodes: result.nodes, end: result.end }
}

function parseTag(stream: TokenStream, name: string, offset: number, depth: number): TemplateNode {
  switch (name) {
    case 'if': {
      const branches = []
      let condition = parseExpression(stream)
      let otherwise: TemplateNode[] = []
      for (;;) {
        expectClose(stream)
        const block = parseUntil(stream, ['elseif', 'else', 'endif'], 'if', offset, depth)
        branches.push({ condition, body: block.nodes })
        if (block.end === 'elseif') {
          condition = parseExpression(stream)
          continue
        }
        if (block.end === 'else') {
          expectClose(stream)
          otherwise = parseUntil(stream, ['endif'], 'if', offset, depth).nodes
        }
        expectClose(stream)
        return { kind: 'if', branches, otherwise, offset }
      }
    }
    case 'for': {
      let valueName = checkVariableName(stream)
      let keyName: string | undefined
      if (stream.accept('operator', ',')) {
        keyName = valueName
        valueName = checkVariableName(stream)
      }
      stream.expect('name', 'in', "'in'")
      const iterable = parseExpression(stream)
      expectClose(stream)
      const block = parseUntil(stream, ['else', 'endfor'], 'for', offset, depth)
      let otherwise: TemplateNode[] = []
      if (block.end === 'else') {
        expectClose(stream)
        otherwise = parseUntil(stream, ['endfor'], 'for', offset, depth).nodes
      }
      expectClose(stream)
      return { kind: 'for', keyName, valueName, iterable, body: block.nodes, otherwise, offset }
    }
    case 'set': {
      const variable = checkVariableName(stream)
      stream.expect('operator', '=', "'=' in {% set name = value %}")
      const value = parseExpression(stream)
      expectClose(stream)
      return { kind: 'set', name: variable, value, offset }
    }
    case 'elseif':
    case 'else':
    case 'endif':
    case 'endfor':
      throw new LocatedError(`Unexpected {% ${name} %} without its opening tag`, offset)
    default:
      throw new LocatedError(`Unknown tag '${name}' (supported: if, elseif, else, for, set, raw)`, offset)
  }
}

function checkVariableName(stream: TokenStream): string {
  const token = stream.peek()
  const name = stream.expectName('a variable name')
  if (isForbiddenKey(name) || name === 'loop')
    throw new LocatedError(`Variable name '${name}' is not allowed`, token.offset)
  return name
}
