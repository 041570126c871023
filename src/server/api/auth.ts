import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import type { AuthConfig } from '../../config/server.ts'

const KEY_LENGTH = 32

/**
 * Hashes a password for `server.auth.users[].password`: `scrypt$<salt>$<hash>` (node:crypto scrypt, random salt).
 * @example printf %s "s3cret" | verity hash-password   (the CLI wraps this function)
 */
export function hashPassword(password: string): string {
  const salt = randomBytes(16)
  return `scrypt$${salt.toString('base64')}$${scryptSync(password, salt, KEY_LENGTH).toString('base64')}`
}

/** True when `password` matches a `hashPassword` result (constant-time comparison). */
export function verifyPassword(password: string, hash: string): boolean {
  const [scheme, salt, expected] = hash.split('$')
  if (scheme !== 'scrypt' || !salt || !expected) return false
  const wanted = Buffer.from(expected, 'base64')
  const actual = scryptSync(password, Buffer.from(salt, 'base64'), wanted.length)
  return actual.length === wanted.length && timingSafeEqual(actual, wanted)
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/** True when auth is configured (any user or token). */
export function authEnabled(config: AuthConfig): boolean {
  return config.users.length > 0 || config.tokens.length > 0
}

/** Who a request is, or undefined. Verified basic credentials are remembered so scrypt runs once per client. */
function authenticator(config: AuthConfig): (header: string | undefined) => string | undefined {
  const verified = new Map<string, string>()
  return (header) => {
    if (!header) return undefined
    const [scheme, value = ''] = header.split(' ', 2)
    if (scheme?.toLowerCase() === 'bearer') {
      return config.tokens.some((token) => sameText(token, value.trim())) ? 'token' : undefined
    }
    if (scheme?.toLowerCase() !== 'basic') return undefined
    const known = verified.get(value)
    if (known) return known
    const decoded = Buffer.from(value, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    const username = decoded.slice(0, colon)
    const user = config.users.find((candidate) => candidate.username === username)
    if (colon < 0 || !user || !verifyPassword(decoded.slice(colon + 1), user.password)) return undefined
    if (verified.size > 1000) verified.clear()
    verified.set(value, username)
    return username
  }
}

/**
 * The REST API's authentication when `server.auth` lists users or tokens: `Authorization: Basic` (scrypt-hashed
 * passwords) or `Authorization: Bearer <token>`; else 401 with `WWW-Authenticate`. Requests from the web UI send
 * `X-Requested-With: XMLHttpRequest` and get the challenge without `Basic`, so the browser shows the UI's login
 * form instead of its own dialog. `open(path)` names the paths that need no auth (health, webhooks).
 * The user is set as `c.get('user')`.
 */
export function authMiddleware(config: AuthConfig, open: (path: string) => boolean): MiddlewareHandler {
  const identify = authenticator(config)
  const enabled = authEnabled(config)
  return async (context, next) => {
    if (!enabled || open(context.req.path)) return next()
    const user = identify(context.req.header('Authorization'))
    if (user) {
      context.set('user' as never, user as never)
      return next()
    }
    const fromUi = context.req.header('X-Requested-With') === 'XMLHttpRequest'
    const schemes = [
      config.users.length > 0 ? (fromUi ? 'VerityBasic' : 'Basic') : undefined,
      config.tokens.length > 0 ? 'Bearer' : undefined,
    ]
    return context.json(
      {
        message: 'authentication required: send Authorization: Basic or Bearer credentials',
        code: 'UNAUTHORIZED',
      },
      401,
      {
        'WWW-Authenticate': schemes
          .filter(Boolean)
          .map((scheme) => `${scheme} realm="verity"`)
          .join(', '),
      },
    )
  }
}
