import type { Arguments, Expression } from './ast.ts'
import { LocatedError } from './errors.ts'
import { FILTERS } from './filters/index.ts'
import type { Token } from './lexer.ts'
import { TEST_NAMES } from './tests.ts'
import { isForbiddenKey } from './values.ts'

// Pebble's binary operator precedences (plus Kestra's `??`/`???`), higher binds tighter.
const BINARY_PRECEDENCE: Record<string, number> = {
  or: 10,
  and: 15,
  is: 20,
  contains: 20,
  in: 20,
  'not in': 20,
  '==': 30,
  '!=': 30,
  '<': 30,
  '>': 30,
  '<=': 30,
  '>=': 30,
  equals: 30,
  '+': 40,
  '-': 40,
  '*': 60,
  '/': 60,
  '%': 60,
  '|': 100,
  '~': 110,
  '..': 120,
  '??': 120,
  '???': 120,
}
const NOT_PRECEDENCE = 5
const SIGN_PRECEDENCE = 500
const WORD_OPERATORS = new Set(['or', 'and', 'is', 'contains', 'equals', 'in'])
const KEYWORD_LITERALS: Record<string, unknown> = { true: true, false: false, null: null, none: null }

/**
 * A recursive-descent (precedence-climbing) parser over the lexer's tokens. It is shared by the template
 * parser, which owns the token stream and asks it for one expression at a time.
 */
export class TokenStream {
  readonly tokens: Token[]
  position = 0
  depth = 0
  readonly maxDepth: number

  constructor(tokens: Token[], maxDepth: number) {
    this.tokens = tokens
    this.maxDepth = maxDepth
  }

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.position + ahead, this.tokens.length - 1)]
  }
  next(): Token {
    const token = this.peek()
    if (this.position < this.tokens.length - 1) this.position++
    return token
  }
  is(type: Token['type'], value?: string, ahead = 0): boolean {
    const token = this.peek(ahead)
    return token.type === type && (value === undefined || token.value === value)
  }
  accept(type: Token['type'], value?: string): Token | undefined {
    return this.is(type, value) ? this.next() : undefined
  }
  expect(type: Token['type'], value?: string, what?: string): Token {
    if (this.is(type, value)) return this.next()
    throw new LocatedError(
      `Expected ${what ?? `'${value ?? type}'`} but found ${describe(this.peek())}`,
      this.peek().offset,
    )
  }
  expectName(what: string): string {
    if (this.is('name')) return this.next().value
    throw new LocatedError(`Expected ${what} but found ${describe(this.peek())}`, this.peek().offset)
  }
}

/** How a token is named in error messages. */
export function describe(token: Token): string {
  if (token.type === 'eof') return 'end of template'
  if (token.type === 'close') return `'${token.value}'`
  if (token.type === 'string') return `string '${token.value}'`
  return `'${token.value}'`
}

/** Parses one expression (with ternary) starting at the stream's position. */
export function parseExpression(stream: TokenStream): Expression {
  if (++stream.depth > stream.maxDepth) {
    throw new LocatedError(`Expression nested deeper than ${stream.maxDepth} levels`, stream.peek().offset)
  }
  const condition = parseBinary(stream, 0)
  let result = condition
  if (stream.accept('operator', '?')) {
    const then = parseExpression(stream)
    stream.expect('operator', ':', "':' of the ternary operator")
    const otherwise = parseExpression(stream)
    result = { kind: 'ternary', condition, then, otherwise, offset: condition.offset }
  }
  stream.depth--
  return result
}

function binaryOperatorAt(stream: TokenStream): string | undefined {
  const token = stream.peek()
  if (token.type === 'operator' && token.value in BINARY_PRECEDENCE) return token.value
  if (token.type === 'name' && WORD_OPERATORS.has(token.value)) return token.value
  if (token.type === 'name' && token.value === 'not' && stream.is('name', 'in', 1)) return 'not in'
  return undefined
}

function parseBinary(stream: TokenStream, minPrecedence: number): Expression {
  let left = parseUnary(stream)
  for (;;) {
    const operator = binaryOperatorAt(stream)
    if (operator === undefined) return left
    const precedence = BINARY_PRECEDENCE[operator]
    if (precedence < minPrecedence) return left
    const token = stream.next()
    if (operator === 'not in') stream.next()
    if (operator === '|') {
      left = parseFilter(stream, left)
    } else if (operator === 'is') {
      const negated = stream.accept('name', 'not') !== undefined
      const nameToken = stream.peek()
      const name = stream.expectName(`a test name (${TEST_NAMES.join(', ')})`)
      if (!TEST_NAMES.includes(name)) {
        throw new LocatedError(`Unknown test '${name}' (use ${TEST_NAMES.join(', ')})`, nameToken.offset)
      }
      left = { kind: 'test', input: left, name, negated, offset: token.offset }
    } else {
      // Left-associative: the right side only takes operators that bind tighter.
      const right = parseBinary(stream, precedence + 1)
      left = { kind: 'binary', operator, left, right, offset: token.offset }
    }
  }
}

function parseFilter(stream: TokenStream, input: Expression): Expression {
  const nameToken = stream.peek()
  const name = stream.expectName('a filter name after |')
  // Pebble resolves filters when parsing: a misspelt filter fails validation, not a run.
  if (!Object.hasOwn(FILTERS, name)) throw new LocatedError(`Unknown filter '${name}'`, nameToken.offset)
  return { kind: 'filter', input, name, args: parseOptionalArguments(stream), offset: nameToken.offset }
}

function parseUnary(stream: TokenStream): Expression {
  const token = stream.peek()
  if (token.type === 'name' && token.value === 'not') {
    stream.next()
    return {
      kind: 'unary',
      operator: 'not',
      operand: parseBinary(stream, NOT_PRECEDENCE),
      offset: token.offset,
    }
  }
  if (token.type === 'operator' && (token.value === '-' || token.value === '+')) {
    stream.next()
    const operand = parseBinary(stream, SIGN_PRECEDENCE)
    return { kind: 'unary', operator: token.value, operand, offset: token.offset }
  }
  return parsePostfix(stream, parsePrimary(stream))
}

function parsePrimary(stream: TokenStream): Expression {
  const token = stream.next()
  switch (token.type) {
    case 'number':
      return { kind: 'literal', value: Number(token.value), isFloat: token.isFloat, offset: token.offset }
    case 'string':
      return { kind: 'literal', value: token.value, offset: token.offset }
    case 'name':
      if (Object.hasOwn(KEYWORD_LITERALS, token.value)) {
        return { kind: 'literal', value: KEYWORD_LITERALS[token.value], offset: token.offset }
      }
      if (stream.is('operator', '('))
        return { kind: 'call', name: token.value, args: parseArguments(stream), offset: token.offset }
      return { kind: 'variable', name: token.value, offset: token.offset }
    case 'operator':
      if (token.value === '(') {
        const inner = parseExpression(stream)
        stream.expect('operator', ')', "')'")
        return inner
      }
      if (token.value === '[') return parseList(stream, token.offset)
      if (token.value === '{') return parseMap(stream, token.offset)
  }
  throw new LocatedError(`Unexpected ${describe(token)}`, token.offset)
}

function parsePostfix(stream: TokenStream, target: Expression): Expression {
  let node = target
  for (;;) {
    if (stream.is('operator', '.')) {
      stream.next()
      const token = stream.next()
      if (token.type !== 'name' && token.type !== 'number') {
        throw new LocatedError(
          `Expected an attribute name after '.' but found ${describe(token)}`,
          token.offset,
        )
      }
      if (stream.is('operator', '(')) {
        throw new LocatedError(
          `Method calls are not supported: '${token.value}(…)'; use a filter instead`,
          token.offset,
        )
      }
      const property: Expression = { kind: 'literal', value: token.value, offset: token.offset }
      node = { kind: 'member', object: node, property, computed: false, offset: token.offset }
    } else if (stream.is('operator', '[')) {
      const open = stream.next()
      const property = parseExpression(stream)
      stream.expect('operator', ']', "']'")
      node = { kind: 'member', object: node, property, computed: true, offset: open.offset }
    } else {
      return node
    }
  }
}

function parseList(stream: TokenStream, offset: number): Expression {
  const items: Expression[] = []
  while (!stream.is('operator', ']')) {
    items.push(parseExpression(stream))
    if (!stream.accept('operator', ',')) break
  }
  stream.expect('operator', ']', "']' or ','")
  return { kind: 'list', items, offset }
}

function parseMap(stream: TokenStream, offset: number): Expression {
  const entries: { key: Expression; value: Expression }[] = []
  while (!stream.is('operator', '}')) {
    const keyToken = stream.peek()
    // A bare name key is its own text, as in JSON-like maps written by hand: `{a: 1}`.
    const key: Expression =
      keyToken.type === 'name' && stream.is('operator', ':', 1)
        ? { kind: 'literal', value: stream.next().value, offset: keyToken.offset }
        : parseExpression(stream)
    if (key.kind === 'literal' && isForbiddenKey(String(key.value))) {
      throw new LocatedError(`Map key '${String(key.value)}' is not allowed`, keyToken.offset)
    }
    stream.expect('operator', ':', "':' after a map key")
    entries.push({ key, value: parseExpression(stream) })
    if (!stream.accept('operator', ',')) break
  }
  stream.expect('operator', '}', "'}' or ','")
  return { kind: 'map', entries, offset }
}

function parseOptionalArguments(stream: TokenStream): Arguments {
  return stream.is('operator', '(') ? parseArguments(stream) : { positional: [], named: [] }
}

function parseArguments(stream: TokenStream): Arguments {
  stream.expect('operator', '(')
  const args: Arguments = { positional: [], named: [] }
  while (!stream.is('operator', ')')) {
    if (stream.is('name') && stream.is('operator', '=', 1)) {
      const name = stream.next().value
      stream.next()
      args.named.push({ name, value: parseExpression(stream) })
    } else {
      if (args.named.length > 0) {
        throw new LocatedError('Positional arguments must come before named arguments', stream.peek().offset)
      }
      args.positional.push(parseExpression(stream))
    }
    if (!stream.accept('operator', ',')) break
  }
  stream.expect('operator', ')', "')' or ','")
  return args
}
