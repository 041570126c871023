import { CodeView } from '../editor/CodeView.tsx'
import { formatKb } from '../lib/format.ts'
import type { TraceEvent } from '../lib/types.ts'

interface CodeRunData {
  executor?: string
  language?: string
  source?: string
  stdin?: string
  status?: string
  exitCode?: number | null
  stdout?: string
  stderr?: string
  compileOutput?: string
  message?: string
  time?: number | null
  memory?: number | null
  stdoutTruncated?: boolean
  stderrTruncated?: boolean
}

/** One program the agent ran: the highlighted code, language, status, exit code, time, memory and its output. */
export function CodeRun({ event }: { event: TraceEvent }) {
  const data = event.data as CodeRunData
  const ok = data.status === 'Accepted'
  return (
    <div className="turn code" data-testid="code-run">
      <div className="row small">
        <strong>Code run</strong>
        <span className="badge" style={{ color: ok ? 'var(--ok)' : 'var(--bad)' }}>
          {data.status}
        </span>
        <span className="muted">
          {data.language} · {data.executor} sandbox · exit {data.exitCode ?? '—'} · {data.time ?? '—'} s CPU ·{' '}
          {formatKb(data.memory)}
        </span>
      </div>
      <CodeView code={data.source ?? ''} language={data.language ?? ''} />
      {data.stdin && <Output label="stdin" text={data.stdin} />}
      <Output label="stdout" text={data.stdout} truncated={data.stdoutTruncated} />
      <Output label="stderr" text={data.stderr} truncated={data.stderrTruncated} bad />
      <Output label="compile output" text={data.compileOutput} bad />
      {data.message && <div className="small muted">{data.message}</div>}
    </div>
  )
}

function Output({
  label,
  text,
  truncated,
  bad,
}: {
  label: string
  text?: string
  truncated?: boolean
  bad?: boolean
}) {
  if (!text) return null
  return (
    <div>
      <span className="muted small">
        {label}
        {truncated ? ' (truncated)' : ''}
      </span>
      <pre className="block" data-testid={label} style={bad ? { color: 'var(--bad)' } : undefined}>
        {text}
      </pre>
    </div>
  )
}
