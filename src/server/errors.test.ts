import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Hono } from 'hono'
import { VerityError } from '../errors.ts'
import { errorHandler, notFound } from './errors.ts'

function app(logged: string[]) {
  const hono = new Hono()
  hono.onError(errorHandler((message) => logged.push(message)))
  hono.notFound(notFound)
  hono.get('/user', () => {
    throw new VerityError('FLOW_VALIDATION', 'flow.yaml:3:5: tasks[0].type is required')
  })
  hono.get('/missing', () => {
    throw new VerityError('FLOW_NOT_FOUND', 'flow company.team/hello not found')
  })
  hono.get('/bug', () => {
    throw new TypeError('cannot read properties of undefined')
  })
  return hono
}

test('user-facing errors become 4xx with their message and code', async () => {
  const logged: string[] = []
  const user = await app(logged).request('/user')
  assert.equal(user.status, 422)
  assert.deepEqual(await user.json(), {
    error: 'flow.yaml:3:5: tasks[0].type is required',
    code: 'FLOW_VALIDATION',
  })
  assert.equal((await app(logged).request('/missing')).status, 404)
  assert.deepEqual(logged, [])
})

test('other errors are 500 without the stack, which only the log gets', async () => {
  const logged: string[] = []
  const response = await app(logged).request('/bug')
  assert.equal(response.status, 500)
  assert.deepEqual(await response.json(), { error: 'internal server error' })
  assert.equal(logged.length, 1)
  assert.match(logged[0] ?? '', /GET \/bug failed: TypeError: cannot read properties of undefined\n\s+at /)
})

test('unknown routes are JSON 404s', async () => {
  const response = await app([]).request('/nowhere', { method: 'POST' })
  assert.equal(response.status, 404)
  assert.deepEqual(await response.json(), { error: 'no route for POST /nowhere' })
})
