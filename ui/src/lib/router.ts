import { useEffect, useState } from 'react'

/** The current location: path and query, re-rendered on navigation. */
export interface Location {
  path: string
  query: URLSearchParams
}

const listeners = new Set<() => void>()

function current(): Location {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) }
}

/** Navigates inside the app without a reload (history API; the server answers every UI path with index.html). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to)
  else window.history.pushState(null, '', to)
  for (const listener of listeners) listener()
}

/** The current location, updated on `navigate` and on back/forward. */
export function useLocation(): Location {
  const [location, setLocation] = useState(current)
  useEffect(() => {
    const update = () => setLocation(current())
    listeners.add(update)
    window.addEventListener('popstate', update)
    return () => {
      listeners.delete(update)
      window.removeEventListener('popstate', update)
    }
  }, [])
  return location
}

/** Matches `path` against a pattern such as `/executions/:id`; returns the decoded params or undefined. */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/')
  const got = path.replace(/\/+$/, '').split('/')
  if (want.length !== got.length) return undefined
  const params: Record<string, string> = {}
  for (let index = 0; index < want.length; index++) {
    const part = want[index] as string
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(got[index] as string)
    else if (part !== got[index]) return undefined
  }
  return params
}
