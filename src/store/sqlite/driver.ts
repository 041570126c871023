/**
 * Loads `node:sqlite`. Node 24.9 still flags it experimental and prints an ExperimentalWarning on first load,
 * which would land in every CLI run's stderr. We filter exactly that one warning, only while the module loads,
 * and restore `process.emitWarning` right after: every other warning, from anywhere, still prints.
 */
import type * as Sqlite from 'node:sqlite'

let loading: Promise<typeof Sqlite> | undefined

function isSqliteExperimentalWarning(warning: unknown, typeOrOptions: unknown): boolean {
  const type =
    typeof typeOrOptions === 'string' ? typeOrOptions : (typeOrOptions as { type?: string } | undefined)?.type
  const message = warning instanceof Error ? warning.message : String(warning)
  return type === 'ExperimentalWarning' && message.startsWith('SQLite ')
}

/** The `node:sqlite` module, loaded once. */
export function loadSqlite(): Promise<typeof Sqlite> {
  if (loading) return loading
  const emitWarning = process.emitWarning
  const filtered = (warning: string | Error, ...rest: unknown[]): void => {
    if (isSqliteExperimentalWarning(warning, rest[0])) return
    Reflect.apply(emitWarning, process, [warning, ...rest])
  }
  process.emitWarning = filtered as typeof process.emitWarning
  loading = import('node:sqlite').finally(() => {
    if (process.emitWarning === filtered) process.emitWarning = emitWarning
  })
  return loading
}
