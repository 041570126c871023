import { displayName } from '../sandbox/languages/index.ts'
import type { LanguageDefinition } from '../sandbox/types.ts'

/** One Judge0 language id as `/languages` shows it, bound to the sandbox language that runs it. */
export interface Judge0Language {
  id: number
  /** Judge0 style, `Python (3.11.2)`. */
  name: string
  is_archived: boolean
  source_file: string
  /** Display form of the compile argv with `%s` where compiler options go, as Judge0 shows it; null if interpreted. */
  compile_cmd: string | null
  run_cmd: string
  definition: LanguageDefinition
}

/** The Judge0 ids the installed languages answer to. */
export interface LanguageCatalog {
  /** Every id, sorted by name then id. */
  list(): readonly Judge0Language[]
  get(id: number): Judge0Language | undefined
}

/**
 * Builds the catalog from the installed languages of the sandbox registry: every Judge0 CE id and hosted-service
 * id a language declares (e.g. 71 and 92/100/109 for Python, 63 and 102 for JavaScript) maps to it, and the
 * name carries the version detected on this machine, not the one Judge0 shipped.
 */
export function createLanguageCatalog(definitions: readonly LanguageDefinition[]): LanguageCatalog {
  const byId = new Map<number, Judge0Language>()
  for (const definition of definitions) {
    for (const id of definition.judge0Ids) {
      if (byId.has(id)) continue
      byId.set(id, {
        id,
        name: displayName(definition),
        is_archived: false,
        source_file: definition.sourceFile,
        compile_cmd: definition.compile ? displayCommand(definition.compile, definition) : null,
        run_cmd: displayCommand(definition.run, definition),
        definition,
      })
    }
  }
  const sorted = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id)
  return { list: () => sorted, get: (id) => byId.get(id) }
}

/** Shows an argv as one line: placeholders filled the way Judge0 writes them, words with blanks quoted. */
function displayCommand(argv: readonly string[], definition: LanguageDefinition): string {
  const words: string[] = []
  for (const word of argv) {
    if (word === '{compilerOptions}') words.push('%s')
    else if (word === '{args}') continue
    else words.push(quoteForDisplay(word.replaceAll('{source}', definition.sourceFile)))
  }
  return words.join(' ')
}

function quoteForDisplay(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`
}
