import { lazy, Suspense, useEffect, useState } from 'react'
import { Link } from './components/Link.tsx'
import { ThemeToggle } from './components/ThemeToggle.tsx'
import { api, onUnauthorized, setAuthorization } from './lib/api.ts'
import { match, navigate, useLocation } from './lib/router.ts'
import { ExecutionsPage } from './pages/ExecutionsPage.tsx'
import { FlowsPage } from './pages/FlowsPage.tsx'
import { KvPage } from './pages/KvPage.tsx'
import { LoginPage } from './pages/LoginPage.tsx'

// The flow and execution pages carry the topology, the YAML parser and (lazily) Monaco: the lists load without them.
const FlowPage = lazy(() => import('./pages/FlowPage.tsx').then((module) => ({ default: module.FlowPage })))
const ExecutionPage = lazy(() =>
  import('./pages/ExecutionPage.tsx').then((module) => ({ default: module.ExecutionPage })),
)

/** The page for a path. */
function Route({ path, query }: { path: string; query: URLSearchParams }) {
  const tab = query.get('tab') ?? ''
  if (path === '/' || path === '/flows') return <FlowsPage />
  if (path === '/flows/new') return <FlowPage tab="editor" />
  let params = match('/flows/:namespace/:id', path)
  if (params)
    return (
      <FlowPage
        key={`${params.namespace}.${params.id}`}
        namespace={params.namespace}
        id={params.id}
        tab={tab}
      />
    )
  if (path === '/executions') return <ExecutionsPage />
  params = match('/executions/:id', path)
  if (params?.id) return <ExecutionPage key={params.id} id={params.id} tab={tab} />
  if (path === '/kv') return <KvPage namespace="" />
  params = match('/kv/:namespace', path)
  if (params) return <KvPage key={params.namespace} namespace={params.namespace ?? ''} />
  return (
    <div className="empty panel">
      <h2>Nothing at {path}</h2>
      <Link to="/flows">Go to the flows</Link>
    </div>
  )
}

/** The app: side navigation, the page, and the login page whenever the server asks for credentials. */
export function App() {
  const location = useLocation()
  const [me, setMe] = useState<{ username: string | null; authEnabled: boolean }>()
  const [needLogin, setNeedLogin] = useState(false)
  useEffect(() => onUnauthorized(() => setNeedLogin(true)), [])
  useEffect(() => {
    if (!needLogin)
      api<{ username: string | null; authEnabled: boolean }>('/api/v1/me').then(setMe, () => undefined)
  }, [needLogin])
  if (needLogin) return <LoginPage onLoggedIn={() => setNeedLogin(false)} />
  const section = location.path.split('/')[1] || 'flows'
  return (
    <div className="app">
      <nav className="nav">
        <div className="brand">Verity</div>
        {[
          ['flows', 'Flows'],
          ['executions', 'Executions'],
          ['kv', 'Key-value'],
        ].map(([key, label]) => (
          <a
            key={key}
            href={`/${key}`}
            className={section === key ? 'active' : ''}
            onClick={(event) => {
              event.preventDefault()
              navigate(`/${key}`)
            }}
          >
            {label}
          </a>
        ))}
        <span className="spacer" />
        <ThemeToggle />
        {me?.authEnabled && (
          <button
            type="button"
            onClick={() => {
              setAuthorization(undefined)
              setNeedLogin(true)
            }}
          >
            Sign out {me.username}
          </button>
        )}
        <a href="/api/v1/openapi.json" className="small muted">
          REST API
        </a>
      </nav>
      <main className="app-main">
        <Suspense fallback={<div className="muted">Loading…</div>}>
          <Route path={location.path} query={location.query} />
        </Suspense>
      </main>
    </div>
  )
}
