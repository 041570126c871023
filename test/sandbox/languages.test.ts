// Conformance of the core languages through the real sandbox (see language-conformance.ts).
import { languagePrograms } from './fixtures/language-programs.ts'
import { languageConformance } from './language-conformance.ts'

await languageConformance('core', languagePrograms)
