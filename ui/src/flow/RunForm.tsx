import { type FormEvent, useState } from 'react'
import { EmptyState } from '../components/EmptyState.tsx'
import { ErrorBanner } from '../components/ErrorBanner.tsx'
import { api } from '../lib/api.ts'
import { navigate } from '../lib/router.ts'
import type { Execution, Flow, FlowInput } from '../lib/types.ts'
import { InputField } from './InputField.tsx'

/** A flow input's starting value in the form (its default, as text for text fields). */
function initial(input: FlowInput): unknown {
  if (input.defaults === undefined) return input.type === 'BOOLEAN' || input.type === 'BOOL' ? false : ''
  if (['JSON', 'ARRAY', 'YAML'].includes(input.type) && typeof input.defaults !== 'string')
    return JSON.stringify(input.defaults)
  return input.defaults
}

/**
 * The run form, generated from the flow's inputs: one field per input by type, defaults filled, required marked,
 * SELECT values as choices, FILE as an upload. Sends JSON, or multipart when a file is attached (Kestra's way),
 * then opens the new execution.
 */
export function RunForm({ flow }: { flow: Flow }) {
  const inputs = flow.inputs ?? []
  const [values, setValues] = useState<Record<string, unknown>>(() =>
    Object.fromEntries(inputs.map((input) => [input.id, initial(input)])),
  )
  const [error, setError] = useState<Error>()
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      const given = Object.entries(values).filter(([, value]) => value !== '' && value !== undefined)
      const hasFile = given.some(([, value]) => value instanceof File)
      let body: BodyInit
      const headers: Record<string, string> = {}
      if (hasFile) {
        const form = new FormData()
        for (const [key, value] of given) {
          form.append(
            key,
            value instanceof File ? value : typeof value === 'string' ? value : JSON.stringify(value),
          )
        }
        body = form
      } else {
        body = JSON.stringify(Object.fromEntries(given))
        headers['Content-Type'] = 'application/json'
      }
      const execution = await api<Execution>(`executions/${flow.namespace}/${flow.id}`, {
        method: 'POST',
        body,
        headers,
      })
      navigate(`/executions/${execution.id}`)
    } catch (failure) {
      setError(failure as Error)
      setBusy(false)
    }
  }

  return (
    <form className="panel stack" onSubmit={submit} style={{ maxWidth: 640 }} data-testid="run-form">
      {inputs.length === 0 && (
        <EmptyState title="This flow has no inputs">Press Run to start it as it is.</EmptyState>
      )}
      {inputs.map((input) => (
        <InputField
          key={input.id}
          input={input}
          value={values[input.id]}
          onChange={(value) => setValues((current) => ({ ...current, [input.id]: value }))}
        />
      ))}
      <ErrorBanner error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Starting…' : 'Run'}
        </button>
        <span className="muted small">
          Revision {flow.revision} of {flow.namespace}.{flow.id}
        </span>
      </div>
    </form>
  )
}
