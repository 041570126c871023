import type { Plugin } from '../define.ts'

/** AI plugins under their Kestra type names (`io.kestra.plugin.ai.*`). */
export const aiPlugins: Plugin[] = []
