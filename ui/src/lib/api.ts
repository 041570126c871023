import type { FieldError } from './types.ts'

/** The REST API's tenant prefix (Kestra's default tenant). */
export const API = '/api/v1/main'

const CREDENTIALS_KEY = 'verity.credentials'

/** An API call that failed: the server's message, status and field errors (shown to the user, never swallowed). */
export class ApiError extends Error {
  readonly status: number
  readonly errors: FieldError[]

  constructor(status: number, message: string, errors: FieldError[] = []) {
    super(message)
    this.status = status
    this.errors = errors
  }
}

/** The stored `Authorization` header value (`Basic …` or `Bearer …`), if the user logged in. */
export function authorization(): string | undefined {
  return sessionStorage.getItem(CREDENTIALS_KEY) ?? undefined
}

/** Remembers credentials for this tab (session storage: closing the tab logs out). */
export function setAuthorization(value: string | undefined): void {
  if (value === undefined) sessionStorage.removeItem(CREDENTIALS_KEY)
  else sessionStorage.setItem(CREDENTIALS_KEY, value)
}

/** Listeners told when the server answers 401, so the app can show the login page. */
const unauthorized = new Set<() => void>()

/** Registers `listener` for 401 answers; returns the unsubscribe function. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorized.add(listener)
  return () => unauthorized.delete(listener)
}

/** Headers every API request sends: credentials, and the marker that makes the server skip the browser dialog. */
export function apiHeaders(extra: Record<string, string> = {}): Record<string, string> {
  const auth = authorization()
  return { 'X-Requested-With': 'XMLHttpRequest', ...(auth ? { Authorization: auth } : {}), ...extra }
}

/**
 * Calls the API at `path` (relative to `/api/v1/main` unless it starts with `/`) and parses the JSON answer.
 * A non-2xx answer throws `ApiError` with the server's message and field errors.
 */
export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const url = path.startsWith('/') ? path : `${API}/${path}`
  const response = await fetch(url, {
    ...init,
    headers: apiHeaders((init.headers as Record<string, string> | undefined) ?? {}),
  })
  if (response.status === 401) for (const listener of unauthorized) listener()
  if (!response.ok) throw await errorOf(response)
  if (response.status === 204) return undefined as T
  const text = await response.text()
  return (text === '' ? undefined : JSON.parse(text)) as T
}

async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text()
  try {
    const body = JSON.parse(text) as { message?: string; error?: string; errors?: FieldError[] }
    return new ApiError(
      response.status,
      body.message ?? body.error ?? `HTTP ${response.status}`,
      body.errors ?? [],
    )
  } catch {
    return new ApiError(response.status, text.trim() || `HTTP ${response.status} ${response.statusText}`)
  }
}

/** Encodes a path segment (namespaces and ids are safe, keys may hold slashes the API expects raw). */
export const seg = (value: string): string => encodeURIComponent(value)
