import type { FlowInput } from '../lib/types.ts'

interface Props {
  input: FlowInput
  value: unknown
  onChange(value: unknown): void
}

const HTML_TYPES: Record<string, string> = {
  INT: 'number',
  FLOAT: 'number',
  DATETIME: 'datetime-local',
  DATE: 'date',
  TIME: 'time',
  EMAIL: 'email',
  URI: 'url',
  SECRET: 'password',
}

/** One input of the run form, by the input's type. */
export function InputField({ input, value, onChange }: Props) {
  const required = input.required !== false && input.defaults === undefined
  const id = `input-${input.id}`
  const label = (
    <>
      <span>
        <code>{input.id}</code> <span className="muted small">{input.type}</span>
        {required && <span style={{ color: 'var(--bad)' }}> *</span>}
      </span>
      {input.description && <span className="hint">{input.description}</span>}
    </>
  )
  let control: React.ReactNode
  if (input.type === 'BOOLEAN' || input.type === 'BOOL') {
    control = (
      <input
        id={id}
        name={input.id}
        type="checkbox"
        checked={value === true || value === 'true'}
        onChange={(event) => onChange(event.target.checked)}
      />
    )
  } else if ((input.type === 'SELECT' || input.type === 'ENUM') && input.values) {
    control = (
      <select
        id={id}
        name={input.id}
        value={String(value ?? '')}
        required={required}
        onChange={(event) => onChange(event.target.value)}
      >
        {!required && <option value="">—</option>}
        {input.values.map((choice) => (
          <option key={choice}>{choice}</option>
        ))}
      </select>
    )
  } else if (input.type === 'MULTISELECT' && input.values) {
    const chosen = Array.isArray(value) ? (value as string[]) : []
    control = (
      <select
        id={id}
        name={input.id}
        multiple
        value={chosen}
        onChange={(event) => onChange(Array.from(event.target.selectedOptions, (option) => option.value))}
      >
        {input.values.map((choice) => (
          <option key={choice}>{choice}</option>
        ))}
      </select>
    )
  } else if (input.type === 'FILE') {
    control = (
      <input
        id={id}
        name={input.id}
        type="file"
        required={required}
        onChange={(event) => onChange(event.target.files?.[0] ?? '')}
      />
    )
  } else if (['JSON', 'YAML', 'ARRAY'].includes(input.type)) {
    control = (
      <textarea
        id={id}
        name={input.id}
        rows={4}
        className="mono"
        value={String(value ?? '')}
        required={required}
        onChange={(event) => onChange(event.target.value)}
      />
    )
  } else {
    control = (
      <input
        id={id}
        name={input.id}
        type={HTML_TYPES[input.type] ?? 'text'}
        step={input.type === 'FLOAT' ? 'any' : undefined}
        value={String(value ?? '')}
        required={required}
        placeholder={input.type === 'DURATION' ? 'PT5M' : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    )
  }
  return (
    <label className="field" htmlFor={id}>
      {label}
      {control}
    </label>
  )
}
