/**
 * Turns what a caller asked for (`python`, `py`, `71`, 102) into an installed language, or a user-facing
 * error that says what exists and how to install what is missing.
 */
import { VerityError } from '../../errors.ts'
import type { LanguageDefinition } from '../types.ts'
import { detectLanguageOnce, listLanguages } from './detect.ts'
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

/**
 * The installed language (with its version) for an id, alias or Judge0 id. Only this language's toolchain is
 * checked and its version command run (once per process), so the first request does not wait for every JVM.
 * @throws UnknownLanguageError | LanguageNotInstalledError
 */
export async function resolveLanguage(idOrJudge0Id: string | number): Promise<LanguageDefinition> {
  const known = findLanguage(idOrJudge0Id)
  if (known === undefined) throw new UnknownLanguageError(String(idOrJudge0Id), await listLanguages())
  const installed = await detectLanguageOnce(known)
  if (installed === undefined) throw new LanguageNotInstalledError(String(idOrJudge0Id), known)
  return installed
}
