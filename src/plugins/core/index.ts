import type { Plugin } from '../define.ts'

/** Core tasks under their Kestra type names (`io.kestra.plugin.core.*`). */
export const corePlugins: Plugin[] = []
