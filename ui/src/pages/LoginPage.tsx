import { type FormEvent, useState } from 'react'
import { ErrorBanner } from '../components/ErrorBanner.tsx'
import { api, setAuthorization } from '../lib/api.ts'

/** Sign-in when the server has auth on: a username and password (basic auth) or an API token (bearer). */
export function LoginPage({ onLoggedIn }: { onLoggedIn(): void }) {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<Error>()
  const [busy, setBusy] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setAuthorization(username === '' ? `Bearer ${password}` : `Basic ${base64(`${username}:${password}`)}`)
    try {
      await api('/api/v1/me')
      onLoggedIn()
    } catch (failure) {
      setAuthorization(undefined)
      setError(failure as Error)
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="login panel stack" onSubmit={submit}>
      <h1>Sign in to Verity</h1>
      <p className="muted small">
        Users and tokens are set in verity.yaml under server.auth. Leave the username empty to use a token.
      </p>
      <label className="field">
        Username
        <input
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          autoComplete="username"
        />
      </label>
      <label className="field">
        Password or token
        <input
          type="password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          autoComplete="current-password"
        />
      </label>
      <ErrorBanner error={error} />
      <button type="submit" className="primary" disabled={busy || password === ''}>
        Sign in
      </button>
    </form>
  )
}

/** UTF-8 safe base64 (btoa alone rejects non-Latin-1 passwords). */
function base64(text: string): string {
  return btoa(Array.from(new TextEncoder().encode(text), (byte) => String.fromCharCode(byte)).join(''))
}
