import { useMemo, useState } from 'react'
import { formatTime } from '../lib/format.ts'
import type { LogLevel, LogLine } from '../lib/types.ts'

const LEVELS: LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']
const LEVEL_COLOR: Record<LogLevel, string> = {
  TRACE: 'var(--muted)',
  DEBUG: 'var(--muted)',
  INFO: 'var(--run)',
  WARN: 'var(--warn)',
  ERROR: 'var(--bad)',
}

/** Live logs with a minimum-level filter and a text search; a line's task links to its task run. */
export function Logs({ logs, onTaskRun }: { logs: LogLine[]; onTaskRun(id: string): void }) {
  const [minLevel, setMinLevel] = useState<LogLevel>('TRACE')
  const [search, setSearch] = useState('')
  const shown = useMemo(() => {
    const floor = LEVELS.indexOf(minLevel)
    const needle = search.toLowerCase()
    return logs.filter(
      (log) =>
        LEVELS.indexOf(log.level) >= floor && (needle === '' || log.message.toLowerCase().includes(needle)),
    )
  }, [logs, minLevel, search])
  return (
    <div className="stack">
      <div className="row">
        <select
          value={minLevel}
          onChange={(event) => setMinLevel(event.target.value as LogLevel)}
          aria-label="Minimum level"
        >
          {LEVELS.map((level) => (
            <option key={level}>{level}</option>
          ))}
        </select>
        <input
          placeholder="Search logs…"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          aria-label="Search logs"
        />
        <span className="muted small">
          {shown.length} of {logs.length} lines
        </span>
      </div>
      <div className="logs panel" data-testid="logs">
        {logs.length === 0 && (
          <div className="muted">No log lines yet: they appear here as the tasks write them.</div>
        )}
        {shown.map((log, index) => (
          <div className="log-line" key={log.seq ?? index}>
            <span className="muted">{formatTime(log.timestamp)}</span>
            <span style={{ color: LEVEL_COLOR[log.level] }}>{log.level}</span>
            <span>
              {log.taskRunId ? (
                <button
                  type="button"
                  className="mono"
                  style={{ border: 'none', padding: 0, background: 'none', color: 'var(--accent)' }}
                  onClick={() => onTaskRun(log.taskRunId as string)}
                  title="Show this task run in the Gantt"
                >
                  {log.taskId}
                </button>
              ) : (
                <span className="muted">{log.taskId ?? 'execution'}</span>
              )}
            </span>
            <span className="message">{log.message}</span>
          </div>
        ))}
      </div>
    </div>
  )
}
