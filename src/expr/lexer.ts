import { LocatedError } from './errors.ts'

/** One lexical unit of a template. Offsets are 0-based positions in the template. */
export interface Token {
  type: 'text' | 'printOpen' | 'tagOpen' | 'close' | 'name' | 'number' | 'string' | 'operator' | 'eof'
  /** Text for `text`/`name`/`string`/`operator`; source digits for `number`. */
  value: string
  offset: number
  /** For numbers: written with a decimal point or exponent, so a Java double rather than a long. */
  isFloat?: boolean
}

// Longest first so `???` wins over `??` and `..` over `.`.
const OPERATORS = [
  '???',
  '??',
  '..',
  '==',
  '!=',
  '<=',
  '>=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '~',
  '|',
  '?',
  ':',
  '.',
  ',',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '=',
]

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0' }

function isNameStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13
}

const OPENERS = /\{[{%#]/

/** True when the text contains `{{`, `{%` or `{#`, i.e. needs rendering. */
export function isTemplate(value: string): boolean {
  return OPENERS.test(value)
}

const RAW_END = /\{%-?\s*endraw\s*-?%\}/g

/**
 * Splits a template into tokens: text, `{{`/`{%` openers, expression tokens and closers.
 * Comments `{# #}` are dropped; `{% raw %}…{% endraw %}` becomes text; whitespace control (`{{-`, `-}}`,
 * `{%-`, `-%}`) is applied here by trimming the neighbouring text tokens.
 */
export function tokenize(template: string): Token[] {
  const tokens: Token[] = []
  let position = 0
  let trimNextText = false

  const pushText = (text: string, offset: number) => {
    const value = trimNextText ? text.replace(/^\s+/, '') : text
    trimNextText = false
    if (value !== '') tokens.push({ type: 'text', value, offset: offset + (text.length - value.length) })
  }
  const trimPreviousText = () => {
    const last = tokens[tokens.length - 1]
    if (last?.type !== 'text') return
    last.value = last.value.replace(/\s+$/, '')
    if (last.value === '') tokens.pop()
  }

  while (position < template.length) {
    const open = findOpener(template, position)
    if (open === -1) {
      pushText(template.slice(position), position)
      break
    }
    pushText(template.slice(position, open), position)
    const kind = template[open + 1]
    let cursor = open + 2
    if (template[cursor] === '-') {
      trimPreviousText()
      cursor++
    }
    if (kind === '#') {
      const end = template.indexOf('#}', cursor)
      if (end === -1) throw new LocatedError('Unclosed comment: missing #}', open)
      if (template[end - 1] === '-' && end - 1 >= cursor) trimNextText = true
      position = end + 2
      continue
    }
    tokens.push({
      type: kind === '{' ? 'printOpen' : 'tagOpen',
      value: kind === '{' ? '{{' : '{%',
      offset: open,
    })
    const closer = kind === '{' ? '}}' : '%}'
    const close = lexExpression(template, cursor, closer, tokens)
    if (template[close] === '-') trimNextText = true
    tokens.push({ type: 'close', value: closer, offset: close })
    position = template[close] === '-' ? close + 3 : close + 2
    if (kind === '%' && isRawTag(tokens)) position = skipRaw(template, position, tokens, pushText)
  }
  tokens.push({ type: 'eof', value: '', offset: template.length })
  return tokens
}

function findOpener(template: string, from: number): number {
  let index = template.indexOf('{', from)
  while (index !== -1) {
    const next = template[index + 1]
    if (next === '{' || next === '%' || next === '#') return index
    index = template.indexOf('{', index + 1)
  }
  return -1
}

function isRawTag(tokens: Token[]): boolean {
  const length = tokens.length
  return (
    length >= 3 &&
    tokens[length - 2].type === 'name' &&
    tokens[length - 2].value === 'raw' &&
    tokens[length - 3].type === 'tagOpen'
  )
}

function skipRaw(
  template: string,
  from: number,
  tokens: Token[],
  pushText: (text: string, offset: number) => void,
): number {
  // The `{% raw %}` tag itself produces no node: its content is plain text.
  const opener = tokens.splice(tokens.length - 3, 3)[0]
  RAW_END.lastIndex = from
  const match = RAW_END.exec(template)
  if (!match) throw new LocatedError('Unclosed {% raw %}: missing {% endraw %}', opener.offset)
  pushText(template.slice(from, match.index), from)
  return match.index + match[0].length
}

const OPENER_OF: Record<string, string> = { '}}': '{{', '%}': '{%', '}': '#{' }

/** Lexes expression tokens from `start` up to the closer; returns the closer's offset (at its `-` if any). */
function lexExpression(template: string, start: number, closer: string, tokens: Token[]): number {
  let position = start
  // Offsets of open brackets: a `}}` ending a nested map literal does not close the expression.
  const brackets: number[] = []
  for (;;) {
    while (position < template.length && isSpace(template.charCodeAt(position))) position++
    if (position >= template.length) {
      const open = brackets.at(-1)
      if (open !== undefined) throw new LocatedError(`Unclosed '${template[open]}'`, open)
      throw new LocatedError(`Unclosed ${OPENER_OF[closer]}: missing ${closer}`, start - 2)
    }
    // Only an open `{` can swallow a `}`: inside `(` or `[` the closer is the closer.
    if (brackets.length === 0 || template[brackets[brackets.length - 1]] !== '{') {
      if (template.startsWith(closer, position)) return position
      if (closer !== '}' && template[position] === '-' && template.startsWith(closer, position + 1))
        return position
    }
    const code = template.charCodeAt(position)
    if (isNameStart(code)) {
      let end = position + 1
      while (
        end < template.length &&
        (isNameStart(template.charCodeAt(end)) || isDigit(template.charCodeAt(end)))
      ) {
        end++
      }
      tokens.push({ type: 'name', value: template.slice(position, end), offset: position })
      position = end
    } else if (isDigit(code)) {
      position = lexNumber(template, position, tokens)
    } else if (code === 34 || code === 39) {
      position = lexString(template, position, tokens)
    } else {
      const operator = OPERATORS.find((candidate) => template.startsWith(candidate, position))
      if (!operator) throw new LocatedError(`Unexpected character '${template[position]}'`, position)
      if (operator === '(' || operator === '[' || operator === '{') brackets.push(position)
      if (operator === ')' || operator === ']' || operator === '}') brackets.pop()
      tokens.push({ type: 'operator', value: operator, offset: position })
      position += operator.length
    }
  }
}

function lexNumber(template: string, start: number, tokens: Token[]): number {
  let end = start
  while (isDigit(template.charCodeAt(end))) end++
  let isFloat = false
  // `1..5` is a range, not the float `1.`
  if (template[end] === '.' && isDigit(template.charCodeAt(end + 1))) {
    isFloat = true
    end++
    while (isDigit(template.charCodeAt(end))) end++
  }
  if ((template[end] === 'e' || template[end] === 'E') && /^[eE][+-]?\d/.test(template.slice(end, end + 3))) {
    isFloat = true
    end += template[end + 1] === '+' || template[end + 1] === '-' ? 2 : 1
    while (isDigit(template.charCodeAt(end))) end++
  }
  tokens.push({ type: 'number', value: template.slice(start, end), offset: start, isFloat })
  return end
}

/**
 * Lexes a string literal. Double-quoted strings interpolate `#{expr}` as Pebble does: the lexer emits
 * `("text" ~ (expr) ~ "text")`, so the parser needs no special case and errors keep their positions.
 */
function lexString(template: string, start: number, tokens: Token[]): number {
  const quote = template[start]
  const firstToken = tokens.length
  const operator = (value: string, offset: number) => tokens.push({ type: 'operator', value, offset })
  let interpolated = false
  let value = ''
  let position = start + 1
  while (position < template.length && template[position] !== quote) {
    const character = template[position]
    if (quote === '"' && character === '#' && template[position + 1] === '{') {
      interpolated = true
      tokens.push({ type: 'string', value, offset: start })
      operator('~', position)
      operator('(', position)
      const close = lexExpression(template, position + 2, '}', tokens)
      operator(')', close)
      operator('~', close)
      value = ''
      position = close + 1
      continue
    }
    if (character === '\\' && position + 1 < template.length) {
      const next = template[position + 1]
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(template.slice(position + 2, position + 6))) {
        value += String.fromCharCode(Number.parseInt(template.slice(position + 2, position + 6), 16))
        position += 6
        continue
      }
      value += ESCAPES[next] ?? next
      position += 2
      continue
    }
    value += character
    position++
  }
  if (position >= template.length) throw new LocatedError('Unclosed string literal', start)
  tokens.push({ type: 'string', value, offset: start })
  if (interpolated) {
    tokens.splice(firstToken, 0, { type: 'operator', value: '(', offset: start })
    operator(')', position)
  }
  return position + 1
}
