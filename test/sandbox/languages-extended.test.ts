// Conformance of the extended languages through the real sandbox; uninstalled ones are skipped with the reason.
import { extendedLanguagePrograms } from './fixtures/language-programs-extended.ts'
import { languageConformance } from './language-conformance.ts'

await languageConformance('extended', extendedLanguagePrograms)
