/** Small display helpers: durations, dates, byte sizes. */

/** `1.2 s`, `340 ms`, `2 min 5 s`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—'
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
  const minutes = Math.floor(ms / 60_000)
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`
}

/** How long a state lasted (to now when it has no end). */
export function durationMs(start: string, end?: string): number {
  return (end ? Date.parse(end) : Date.now()) - Date.parse(start)
}

/** A local date and time, short. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '—'
  const date = new Date(iso)
  return date.toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
}

/** Time of day with milliseconds, for log lines. */
export function formatTime(iso: string): string {
  const date = new Date(iso)
  return `${date.toLocaleTimeString(undefined, { hour12: false })}.${String(date.getMilliseconds()).padStart(3, '0')}`
}

/** KB as `12.3 MB` / `640 KB`. */
export function formatKb(kb: number | null | undefined): string {
  if (kb == null) return '—'
  return kb >= 1024 ? `${(kb / 1024).toFixed(1)} MB` : `${kb} KB`
}

/** True for states an execution or task run does not leave. */
export function isTerminal(state: string): boolean {
  return ['SUCCESS', 'WARNING', 'FAILED', 'KILLED', 'CANCELLED', 'SKIPPED'].includes(state)
}
