/**
 * The data-driven language registry: what each language's compile and run steps are, which Judge0 ids it
 * answers to, and which toolchains this machine has installed (with their versions).
 */
export { coreLanguages } from './core.ts'
export { detectLanguage, installedLanguages, isInstalled, listLanguages, parseVersion } from './detect.ts'
export { extendedLanguages } from './extended.ts'
export { jvmLanguages } from './extended-jvm.ts'
export {
  allLanguages,
  debianPackages,
  displayName,
  findLanguage,
  findLanguageByJudge0Id,
  findLanguageByName,
  judge0LanguageIds,
} from './registry.ts'
export {
  LanguageNotInstalledError,
  type ResolveOptions,
  resolveLanguage,
  UnknownLanguageError,
} from './resolve.ts'
export { SANDBOX_NODE } from './toolchains.ts'
export { defaultVersionCachePath, VersionCache } from './version-cache.ts'
