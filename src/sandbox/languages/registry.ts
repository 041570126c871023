/**
 * Lookups over the static language table (core + extended), installed or not. Detection of what is installed
 * lives in `detect.ts`.
 */
import type { LanguageDefinition } from '../types.ts'
import { coreLanguages } from './core.ts'
import { extendedLanguages } from './extended.ts'
import { jvmLanguages } from './extended-jvm.ts'

const languages: readonly LanguageDefinition[] = [...coreLanguages, ...extendedLanguages, ...jvmLanguages]

const byName = new Map<string, LanguageDefinition>()
const byJudge0Id = new Map<number, LanguageDefinition>()
for (const language of languages) {
  for (const name of [language.id, ...(language.aliases ?? [])]) {
    if (byName.has(name)) throw new Error(`language table: name ${name} is used twice`)
    byName.set(name, language)
  }
  for (const judge0Id of language.judge0Ids) {
    if (byJudge0Id.has(judge0Id)) throw new Error(`language table: Judge0 id ${judge0Id} is used twice`)
    byJudge0Id.set(judge0Id, language)
  }
}

/** Every language Verity knows, installed or not, core first, in a stable order. */
export function allLanguages(): readonly LanguageDefinition[] {
  return languages
}

/** The language whose id or alias is `name` (case-insensitive), installed or not. */
export function findLanguageByName(name: string): LanguageDefinition | undefined {
  return byName.get(name.trim().toLowerCase())
}

/** The language that answers to a Judge0 language id (CE 1.13 or the hosted service's newer ids). */
export function findLanguageByJudge0Id(judge0Id: number): LanguageDefinition | undefined {
  return byJudge0Id.get(judge0Id)
}

/**
 * The language for an id, alias or Judge0 id (a number, or a string of digits), installed or not.
 * @example findLanguage('python') === findLanguage(71) === findLanguage('109')
 */
export function findLanguage(idOrJudge0Id: string | number): LanguageDefinition | undefined {
  if (typeof idOrJudge0Id === 'number') return findLanguageByJudge0Id(idOrJudge0Id)
  if (/^\d+$/.test(idOrJudge0Id.trim())) return findLanguageByJudge0Id(Number(idOrJudge0Id))
  return findLanguageByName(idOrJudge0Id)
}

/** Every Judge0 id the registry answers to, with its language, ascending. */
export function judge0LanguageIds(): Array<{ judge0Id: number; language: LanguageDefinition }> {
  return [...byJudge0Id.entries()]
    .sort(([left], [right]) => left - right)
    .map(([judge0Id, language]) => ({ judge0Id, language }))
}

/**
 * Judge0-style display name with the detected version: `Python (3.11.2)`, and inside an existing parenthesis
 * `C (GCC 12.2.0)`, `JavaScript (Node.js 24.9.0)`.
 */
export function displayName(language: LanguageDefinition): string {
  const { name, version } = language
  if (version === undefined) return name
  return name.endsWith(')') ? `${name.slice(0, -1)} ${version})` : `${name} (${version})`
}

/**
 * Debian packages for a set of languages, deduplicated in table order: `core` gives the core languages'
 * packages; `all` adds the extended languages and every `extendedPackages` list.
 */
export function debianPackages(set: 'core' | 'all'): string[] {
  const packages = new Set<string>()
  for (const language of languages) {
    if (set === 'core' && language.set !== 'core') continue
    for (const name of language.debianPackages) packages.add(name)
    if (set === 'all') for (const name of language.extendedPackages ?? []) packages.add(name)
  }
  return [...packages]
}
