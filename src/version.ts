import { readFileSync } from 'node:fs'

/** Verity's own version, from package.json (CLI `--version`, the server's health and about, MCP client info). */
export const VERITY_VERSION: string = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).version
