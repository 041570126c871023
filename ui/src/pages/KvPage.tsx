import { type FormEvent, useState } from 'react'
import { EmptyState } from '../components/EmptyState.tsx'
import { ErrorBanner } from '../components/ErrorBanner.tsx'
import { JsonTree } from '../components/JsonTree.tsx'
import { api, seg } from '../lib/api.ts'
import { formatDate } from '../lib/format.ts'
import { navigate } from '../lib/router.ts'
import type { Flow, KvSummary, Page } from '../lib/types.ts'
import { useAsync } from '../lib/use-async.ts'

/** The key-value store of one namespace: list, read (secrets stay masked), set with TTL or as secret, delete. */
export function KvPage({ namespace }: { namespace: string }) {
  const [draft, setDraft] = useState(namespace)
  const entries = useAsync(
    () => (namespace ? api<KvSummary[]>(`namespaces/${seg(namespace)}/kv`) : Promise.resolve([])),
    [namespace],
  )
  // The namespaces flows live in: where a newcomer's keys belong.
  const namespaces = useAsync(
    () =>
      api<Page<Flow>>('flows/search?size=1000').then((page) =>
        [...new Set(page.results.map((flow) => flow.namespace))].sort(),
      ),
    [],
  )
  const [opened, setOpened] = useState<{ key: string; value: unknown }>()
  const [error, setError] = useState<Error>()
  const [form, setForm] = useState({ key: '', value: '', ttl: '', secret: false })

  const save = async (event: FormEvent) => {
    event.preventDefault()
    setError(undefined)
    try {
      const headers: Record<string, string> = { 'Content-Type': 'text/plain' }
      if (form.ttl) headers.ttl = form.ttl
      if (form.secret) headers.secret = 'true'
      await api(`namespaces/${seg(namespace)}/kv/${form.key}`, { method: 'PUT', body: form.value, headers })
      setForm({ key: '', value: '', ttl: '', secret: false })
      entries.reload()
    } catch (failure) {
      setError(failure as Error)
    }
  }
  const open = async (key: string) => {
    setError(undefined)
    try {
      setOpened({
        key,
        value: (await api<{ value: unknown }>(`namespaces/${seg(namespace)}/kv/${key}`)).value,
      })
    } catch (failure) {
      setError(failure as Error)
    }
  }
  const remove = async (key: string) => {
    if (!window.confirm(`Delete ${key}?`)) return
    try {
      await api(`namespaces/${seg(namespace)}/kv/${key}`, { method: 'DELETE' })
      entries.reload()
    } catch (failure) {
      setError(failure as Error)
    }
  }

  return (
    <div className="stack">
      <form
        className="page-header"
        onSubmit={(event) => {
          event.preventDefault()
          navigate(`/kv/${draft}`)
        }}
      >
        <h1>Key-value store</h1>
        <span className="grow" />
        <input
          placeholder="Namespace, e.g. company.team"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          aria-label="Namespace"
        />
        <button type="submit">Open</button>
      </form>
      <ErrorBanner error={entries.error ?? namespaces.error ?? error} />
      {!namespace && (
        <EmptyState title="Pick a namespace">
          Keys live in a namespace (the one in your flow's <code>namespace:</code>). Flows read them with{' '}
          <code>{"{{ kv('KEY') }}"}</code>; agents use them for API keys.
          {namespaces.value && namespaces.value.length > 0 && (
            <div className="row" style={{ justifyContent: 'center', marginTop: 12 }}>
              {namespaces.value.map((name) => (
                <button key={name} type="button" onClick={() => navigate(`/kv/${name}`)}>
                  {name}
                </button>
              ))}
            </div>
          )}
        </EmptyState>
      )}
      {namespace && (
        <form className="panel row" onSubmit={save}>
          <input
            placeholder="KEY"
            value={form.key}
            required
            onChange={(event) => setForm({ ...form, key: event.target.value })}
            aria-label="Key"
          />
          <input
            placeholder="value (JSON or text)"
            value={form.value}
            onChange={(event) => setForm({ ...form, value: event.target.value })}
            aria-label="Value"
            style={{ flex: 1 }}
          />
          <input
            placeholder="TTL, e.g. PT1H"
            value={form.ttl}
            onChange={(event) => setForm({ ...form, ttl: event.target.value })}
            aria-label="TTL"
          />
          <label className="row small">
            <input
              type="checkbox"
              checked={form.secret}
              onChange={(event) => setForm({ ...form, secret: event.target.checked })}
            />{' '}
            secret
          </label>
          <button type="submit" className="primary">
            Set
          </button>
        </form>
      )}
      {namespace && entries.value?.length === 0 && (
        <EmptyState title={`No keys in ${namespace}`}>
          Set one above, or from the command line: <code>verity kv set {namespace} MY_KEY value</code>.
        </EmptyState>
      )}
      {entries.value && entries.value.length > 0 && (
        <div className="panel">
          <table>
            <thead>
              <tr>
                <th>Key</th>
                <th>Updated</th>
                <th>Expires</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {entries.value.map((entry) => (
                <tr key={entry.key}>
                  <td className="mono">
                    {entry.key} {entry.secret && <span className="badge muted">secret</span>}
                  </td>
                  <td className="muted">{formatDate(entry.updateDate)}</td>
                  <td className="muted">
                    {entry.expirationDate ? formatDate(entry.expirationDate) : 'never'}
                  </td>
                  <td style={{ textAlign: 'right' }}>
                    <button type="button" onClick={() => open(entry.key)}>
                      View
                    </button>{' '}
                    <button type="button" className="danger" onClick={() => remove(entry.key)}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {opened && (
        <div className="panel">
          <h2 className="mono">{opened.key}</h2>
          <JsonTree value={opened.value} />
        </div>
      )}
    </div>
  )
}
