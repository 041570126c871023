import { runOffThread } from '../off-thread.ts'
import { isMap, toText } from '../values.ts'
import { argument, fail, requireInteger, requireString } from './arguments.ts'
import type { Filter } from './types.ts'

/** Apache StringUtils-style helpers Kestra exposes; a missing separator keeps the whole text (before) or none (after). */
function substring(side: 'before' | 'after', last: boolean): Filter {
  return (input, args, named) => {
    const text = requireString(input)
    const separator = requireString(argument(args, named, 0, 'separator'), 'separator')
    const index = last ? text.lastIndexOf(separator) : text.indexOf(separator)
    if (index === -1) return side === 'before' ? text : ''
    return side === 'before' ? text.slice(0, index) : text.slice(index + separator.length)
  }
}

/**
 * Pebble's `replace({'search': 'replacement'})`, Kestra's two-argument form, and `regexp=true`. Regular
 * expressions run off the main thread with a time limit: a catastrophic pattern cannot stall the process.
 */
const replace: Filter = async (input, args, named, runtime) => {
  const first = argument(args, named, 0, 'replace_pairs')
  const regexp = argument(args, named, 2, 'regexp', false) === true
  const pairs: [string, string][] = isMap(first)
    ? Object.entries(first).map(([search, replacement]) => [search, toText(replacement)])
    : [[requireString(first, 'search'), toText(argument(args, named, 1, 'replacement', ''))]]
  let text = toText(input)
  for (const [pattern, replacement] of pairs) {
    text = regexp
      ? ((await runOffThread(
          { kind: 'regexReplace', text, pattern, replacement },
          runtime.limits.programTimeoutMs,
          'regular expression',
        )) as string)
      : text.split(pattern).join(replacement)
  }
  return text
}

const ESCAPED_QUOTES: Record<string, [string, string]> = {
  single: ["'", "\\'"],
  double: ['"', '\\"'],
  shell: ["'", "'\\''"],
}

/** Filters on text. */
export const STRING_FILTERS: Record<string, Filter> = {
  upper: (input) => toText(input).toUpperCase(),
  lower: (input) => toText(input).toLowerCase(),
  capitalize: (input) => {
    const text = toText(input)
    return text.charAt(0).toUpperCase() + text.slice(1)
  },
  title: (input) =>
    toText(input).replace(/(^|\s)(\S)/gu, (_match, space, letter) => space + letter.toUpperCase()),
  trim: (input) => toText(input).trim(),
  abbreviate: (input, args, named) => {
    const text = toText(input)
    const length = requireInteger(argument(args, named, 0, 'length'), 'length')
    if (length < 4) fail('length must be at least 4')
    return text.length <= length ? text : `${text.slice(0, length - 3)}...`
  },
  replace,
  slugify: (input) =>
    toText(input)
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, ''),
  substringBefore: substring('before', false),
  substringAfter: substring('after', false),
  substringBeforeLast: substring('before', true),
  substringAfterLast: substring('after', true),
  startsWith: (input, args, named) =>
    toText(input).startsWith(requireString(argument(args, named, 0, 'prefix'), 'prefix')),
  endsWith: (input, args, named) =>
    toText(input).endsWith(requireString(argument(args, named, 0, 'suffix'), 'suffix')),
  indent: (input, args, named) => indent(toText(input), args, named, false),
  nindent: (input, args, named) => indent(toText(input), args, named, true),
  escapeChar: (input, args, named) => {
    const type = requireString(argument(args, named, 0, 'type'), 'type')
    if (!Object.hasOwn(ESCAPED_QUOTES, type)) fail(`type must be one of single, double, shell; got '${type}'`)
    const [quote, escaped] = ESCAPED_QUOTES[type]
    const text = toText(input)
    return type === 'shell'
      ? text.split(quote).join(escaped)
      : text.replace(/\\/g, '\\\\').split(quote).join(escaped)
  },
  string: (input) => toText(input),
  split: (input, args, named) => {
    const text = toText(input)
    const delimiter = requireString(argument(args, named, 0, 'delimiter'), 'delimiter')
    const limit = argument(args, named, 1, 'limit')
    const parts = text.split(delimiter)
    if (typeof limit !== 'number' || limit <= 0 || parts.length <= limit) return parts
    return [...parts.slice(0, limit - 1), parts.slice(limit - 1).join(delimiter)]
  },
}

const MAX_INDENT = 1000

/** Kestra's indent: every line but the first gets the prefix; nindent starts on a new line and indents all. */
function indent(text: string, args: unknown[], named: Record<string, unknown>, newLine: boolean): string {
  const amount = requireInteger(argument(args, named, 0, 'amount'), 'amount')
  if (amount > MAX_INDENT) fail(`amount must be at most ${MAX_INDENT}`)
  const prefix = requireString(argument(args, named, 1, 'prefix', ' '), 'prefix')
  const padding = prefix.repeat(Math.max(0, amount))
  const lines = text.split(/\r?\n/)
  return newLine
    ? `\n${lines.map((line) => padding + line).join('\n')}`
    : lines.map((line, index) => (index === 0 ? line : padding + line)).join('\n')
}
