import { useState } from 'react'

/** A browsable JSON value: objects and arrays fold (open to `depth`), scalars are coloured by type. */
export function JsonTree({ value, depth = 2 }: { value: unknown; depth?: number }) {
  return (
    <div className="json-tree">
      <Node value={value} depth={depth} />
    </div>
  )
}

function Node({ name, value, depth }: { name?: string; value: unknown; depth: number }) {
  const [open, setOpen] = useState(depth > 0)
  const label = name === undefined ? null : <span className="key">{name}: </span>
  if (value === null || typeof value !== 'object') {
    return (
      <div>
        {label}
        <Scalar value={value} />
      </div>
    )
  }
  const entries = Array.isArray(value)
    ? value.map((item, index) => [String(index), item] as const)
    : Object.entries(value)
  const brackets = Array.isArray(value) ? ['[', ']'] : ['{', '}']
  return (
    <div>
      <button
        type="button"
        className="toggle"
        style={{ border: 'none', background: 'none', padding: 0, font: 'inherit' }}
        onClick={() => setOpen(!open)}
      >
        {open ? '▾' : '▸'}
      </button>{' '}
      {label}
      {brackets[0]}
      {!open && <span className="muted"> {entries.length} items </span>}
      {open && (
        <ul>
          {entries.map(([key, item]) => (
            <li key={key}>
              <Node name={key} value={item} depth={depth - 1} />
            </li>
          ))}
        </ul>
      )}
      {brackets[1]}
    </div>
  )
}

function Scalar({ value }: { value: unknown }) {
  if (typeof value === 'string') return <span className="string">"{value}"</span>
  if (typeof value === 'number') return <span className="number">{value}</span>
  return <span className="muted">{String(value)}</span>
}
