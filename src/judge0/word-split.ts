/**
 * Splits a command-line string into words the way a POSIX shell splits them — whitespace separates words,
 * single quotes keep everything literal, double quotes keep everything but `\"`, `\\`, `\$` and `` \` ``,
 * a backslash escapes the next character — and does nothing else: no variable, command, glob or tilde
 * expansion, no `;`, `|`, `&&` or redirections. The words become argv entries that no shell ever sees, which is
 * what makes Judge0's injection through a newline in `compiler_options` impossible here: a newline is just
 * another word separator.
 *
 * @example splitWords(`-O2 -D'NAME=a b' "x\"y"`) // ['-O2', '-DNAME=a b', 'x"y']
 * @throws {WordSplitError} on an unterminated quote or a trailing backslash.
 */
export function splitWords(text: string): string[] {
  const words: string[] = []
  let word = ''
  // A word exists once anything (even an empty quoted string '') started it.
  let inWord = false
  let index = 0
  while (index < text.length) {
    const character = text[index] as string
    if (character === ' ' || character === '\t' || character === '\n' || character === '\r') {
      if (inWord) words.push(word)
      word = ''
      inWord = false
      index++
    } else if (character === "'") {
      const end = text.indexOf("'", index + 1)
      if (end === -1) throw new WordSplitError('unterminated single quote', index)
      word += text.slice(index + 1, end)
      inWord = true
      index = end + 1
    } else if (character === '"') {
      const [content, next] = readDoubleQuoted(text, index)
      word += content
      inWord = true
      index = next
    } else if (character === '\\') {
      if (index + 1 >= text.length) throw new WordSplitError('trailing backslash', index)
      // Backslash-newline is a line continuation in a shell: it joins, it adds nothing.
      if (text[index + 1] !== '\n') {
        word += text[index + 1]
        inWord = true
      }
      index += 2
    } else {
      word += character
      inWord = true
      index++
    }
  }
  if (inWord) words.push(word)
  return words
}

const ESCAPABLE_IN_DOUBLE_QUOTES = new Set(['"', '\\', '$', '`'])

/** Reads a double-quoted span starting at `start` (the opening quote); returns its content and the next index. */
function readDoubleQuoted(text: string, start: number): [string, number] {
  let content = ''
  let index = start + 1
  while (index < text.length) {
    const character = text[index] as string
    if (character === '"') return [content, index + 1]
    if (character === '\\' && index + 1 < text.length) {
      const next = text[index + 1] as string
      if (ESCAPABLE_IN_DOUBLE_QUOTES.has(next)) {
        content += next
        index += 2
        continue
      }
      if (next === '\n') {
        index += 2
        continue
      }
    }
    content += character
    index++
  }
  throw new WordSplitError('unterminated double quote', start)
}

/** A command-line string that cannot be split into words; `position` is the 0-based offending index. */
export class WordSplitError extends Error {
  readonly position: number
  constructor(problem: string, position: number) {
    super(`${problem} at position ${position + 1}`)
    this.name = 'WordSplitError'
    this.position = position
  }
}
