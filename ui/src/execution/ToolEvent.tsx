import { JsonTree } from '../components/JsonTree.tsx'
import { formatMs } from '../lib/format.ts'
import type { TraceEvent } from '../lib/types.ts'

/** A tool call: the tool and its arguments (code runs show their code in the code-execution event). */
export function ToolCall({ event }: { event: TraceEvent }) {
  const data = event.data as { toolName?: string; input?: unknown }
  const input = data.input as { code?: string; language?: string } | undefined
  return (
    <div className="turn tool">
      <div className="row small">
        <strong>Tool call</strong> <code>{data.toolName}</code>
      </div>
      {input && typeof input === 'object' && typeof input.code === 'string' ? (
        <span className="muted small">{input.language} program, shown with its run below</span>
      ) : (
        <JsonTree value={data.input} depth={1} />
      )}
    </div>
  )
}

/** A tool's result or error, and how long the tool took. */
export function ToolResult({ event }: { event: TraceEvent }) {
  const data = event.data as { toolName?: string; output?: unknown; error?: string; durationMs?: number }
  return (
    <div className="turn tool">
      <div className="row small">
        <strong>Tool result</strong> <code>{data.toolName}</code>
        <span className="muted">{formatMs(data.durationMs ?? Number.NaN)}</span>
        {data.error && <span style={{ color: 'var(--bad)' }}>failed</span>}
      </div>
      {data.error ? (
        <pre className="block" style={{ color: 'var(--bad)' }}>
          {data.error}
        </pre>
      ) : (
        <JsonTree value={data.output} depth={0} />
      )}
    </div>
  )
}
