/**
 * Pure helpers both backends share: log-level ranks, KV expiry dates, namespace filters, paging.
 */
import { StoreError } from '../errors.ts'
import type { LogLevel } from '../types.ts'

const LOG_LEVELS: readonly LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']

/** Levels are stored as ranks so `minLevel` is an index range: TRACE=0 … ERROR=4. */
export function logLevelRank(level: LogLevel): number {
  const rank = LOG_LEVELS.indexOf(level)
  if (rank < 0) throw new StoreError('LOG_LEVEL_INVALID', `Unknown log level "${level}"`)
  return rank
}

export function logLevelOfRank(rank: number): LogLevel {
  return LOG_LEVELS[rank] ?? 'INFO'
}

/** Normalizes an expiry date to ISO-8601 UTC so stored dates compare as strings. */
export function normalizeDate(value: string, field: string): string {
  const time = Date.parse(value)
  if (Number.isNaN(time)) throw new StoreError('DATE_INVALID', `${field} "${value}" is not an ISO-8601 date`)
  return new Date(time).toISOString()
}

/** A namespace filter matches the namespace itself and its children (Kestra: `company` ⊃ `company.team`). */
export function namespacePrefix(namespace: string): string {
  return `${namespace.replaceAll('\\', '\\\\').replaceAll('%', '\\%').replaceAll('_', '\\_')}.%`
}

/** Escapes a free-text search term for `LIKE … ESCAPE '\'`. */
export function likeContains(text: string): string {
  return `%${text.replaceAll('\\', '\\\\').replaceAll('%', '\\%').replaceAll('_', '\\_')}%`
}

export const DEFAULT_PAGE_SIZE = 25
export const MAX_PAGE_SIZE = 1000

/** 1-based page and bounded size, as Kestra's API pages. */
export function paging(
  page: number | undefined,
  size: number | undefined,
): { limit: number; offset: number } {
  const limit = Math.min(Math.max(Math.trunc(size ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE)
  const pageNumber = Math.max(Math.trunc(page ?? 1), 1)
  return { limit, offset: (pageNumber - 1) * limit }
}
