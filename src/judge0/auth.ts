import { timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import type { Judge0Config } from '../config/judge0.ts'

/**
 * Judge0's authentication: when `authn_token` is set, every request must carry it in `authn_header`
 * (default `X-Auth-Token`) — or, with `accept_rapidapi_key`, in `X-RapidAPI-Key`, so clients written for the
 * hosted service work unchanged. A missing or wrong token is 401.
 */
export function authenticate(config: Judge0Config): MiddlewareHandler {
  return async (context, next) => {
    const expected = config.authn_token
    if (expected) {
      const presented = [context.req.header(config.authn_header)]
      if (config.accept_rapidapi_key) presented.push(context.req.header('X-RapidAPI-Key'))
      if (!presented.some((token) => token !== undefined && sameToken(token, expected))) {
        return context.json({ error: `authentication failed: send the token in ${config.authn_header}` }, 401)
      }
    }
    await next()
  }
}

/** Judge0's authorization for listing and deleting submissions: `authz_token` in `authz_header`, else 403. */
export function authorize(config: Judge0Config): MiddlewareHandler {
  return async (context, next) => {
    const expected = config.authz_token
    if (expected) {
      const presented = context.req.header(config.authz_header)
      if (presented === undefined || !sameToken(presented, expected)) {
        return context.json({ error: `authorization failed: send the token in ${config.authz_header}` }, 403)
      }
    }
    await next()
  }
}

function sameToken(presented: string, expected: string): boolean {
  const a = Buffer.from(presented)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
