/** Verity's global configuration (`verity.yaml`): loading, its schema, and the sections other areas own. */
export type { Judge0Config } from './judge0.ts'
export { DEFAULT_CONFIG_FILE, type LoadConfigOptions, loadConfig } from './load.ts'
export type { SandboxConfig } from './sandbox.ts'
export { configSections, type VerityConfig, verityConfigSchema } from './schema.ts'
export type { ServerConfig } from './server.ts'
export type { QueueConfig, StoreConfig } from './store.ts'
