/**
 * Turns what a caller asked for (`python`, `py`, `71`, 102) into an installed language, or a user-facing
 * error that says what exists and how to install what is missing.
 */
import { VerityError } from '../../errors.ts'
import type { LanguageDefinition } from '../types.ts'
import { detectLanguageOnce, installedLanguages, isInstalled } from './detect.ts'
import { findLanguage } from './registry.ts'

/** The requested language id or Judge0 id is not in the registry. */
export class UnknownLanguageError extends VerityError {
  readonly requested: string
  constructor(requested: string, installed: readonly LanguageDefinition[]) {
    super(
      'LANGUAGE_UNKNOWN',
      `unknown language "${requested}"; installed: ${installed.map((language) => language.id).join(', ')} ` +
        '(run `verity languages` for names and Judge0 ids)',
    )
    this.requested = requested
  }
}

/** The language exists in the registry but its toolchain is not installed on this machine. */
export class LanguageNotInstalledError extends VerityError {
  readonly language: LanguageDefinition
  constructor(requested: string, language: LanguageDefinition) {
    const how =
      language.set === 'core'
        ? 'run scripts/setup'
        : `run scripts/setup --all, or apt-get install ${language.debianPackages.join(' ')}`
    super(
      'LANGUAGE_NOT_INSTALLED',
      `language "${requested}" (${language.name}) is not installed on this machine: ${how}`,
    )
    this.language = language
  }
}

export interface ResolveOptions {
  /**
   * Resolve among these languages (all taken as installed) instead of the registry: for embedders and tests
   * that give the sandbox their own table. Same lookup rules: id, alias (case-insensitive) or Judge0 id.
   */
  languages?: readonly LanguageDefinition[]
  /**
   * Detect the version (default true). The sandbox passes false: running a program only needs the toolchain
   * to exist, and must not wait for a version command (a JVM start-up) on a machine that never cached it.
   */
  version?: boolean
}

/**
 * The installed language for an id, alias or Judge0 id. Only this language's toolchain is checked and (unless
 * `version: false`) its version detected — from the persistent cache, or its version command once per process —
 * so the first request does not wait for every JVM.
 * @throws UnknownLanguageError | LanguageNotInstalledError
 */
export async function resolveLanguage(
  idOrJudge0Id: string | number,
  options: ResolveOptions = {},
): Promise<LanguageDefinition> {
  const requested = String(idOrJudge0Id)
  if (options.languages) {
    const found = findIn(options.languages, idOrJudge0Id)
    if (found === undefined) throw new UnknownLanguageError(requested, options.languages)
    return found
  }
  const known = findLanguage(idOrJudge0Id)
  if (known === undefined) throw new UnknownLanguageError(requested, await installedLanguages())
  if (options.version === false) {
    if (!(await isInstalled(known))) throw new LanguageNotInstalledError(requested, known)
    return known
  }
  const installed = await detectLanguageOnce(known)
  if (installed === undefined) throw new LanguageNotInstalledError(requested, known)
  return installed
}

/** `findLanguage`'s rules over a caller's own table. */
function findIn(
  languages: readonly LanguageDefinition[],
  idOrJudge0Id: string | number,
): LanguageDefinition | undefined {
  const name = String(idOrJudge0Id).trim().toLowerCase()
  const judge0Id = /^\d+$/.test(name) ? Number(name) : undefined
  return languages.find((language) =>
    judge0Id === undefined
      ? language.id === name || (language.aliases ?? []).includes(name)
      : language.judge0Ids.includes(judge0Id),
  )
}
