/**
 * The sandbox: every piece of untrusted code runs here (bubblewrap namespaces, cgroups, rlimits, seccomp).
 * Other areas import only this file.
 */
export type { SandboxConfig } from '../config/sandbox.ts'
export { SANDBOX_PATHS } from './bwrap.ts'
export type { DoctorCheck, DoctorReport } from './doctor.ts'
export { SandboxBusyError, SandboxRequestError, SandboxUnavailableError } from './errors.ts'
export { FileBudget, validateFileName } from './files.ts'
export { LanguageNotInstalledError, UnknownLanguageError } from './languages/index.ts'
export { DEFAULT_COMPILE_LIMITS, DEFAULT_LIMITS, DEFAULT_MAX_LIMITS } from './limits.ts'
export { createSandbox, type Sandbox, type SandboxOptions, UNSANDBOXED_WARNING } from './sandbox.ts'
export * from './types.ts'
