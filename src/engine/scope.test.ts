import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { TaskDefinition } from '../flow/types.ts'
import type { ExecutionState } from '../store/types.ts'
import { decideScope, ERRORS_GROUP, FINALLY_GROUP, type Scope } from './scope.ts'

const task = (id: string, extra: Partial<TaskDefinition> = {}): TaskDefinition => ({
  id,
  type: 't',
  ...extra,
})
const scope = (overrides: Partial<Scope> = {}): Scope => ({
  groups: [{ branch: 'tasks', tasks: [task('a'), task('b')] }],
  concurrency: 1,
  errors: [],
  finally: [],
  killed: false,
  ...overrides,
})
/** States keyed `group:taskId`. */
const lookup = (states: Record<string, ExecutionState>) => (group: number, taskId: string) =>
  states[`${group}:${taskId}`]
const ids = (decision: ReturnType<typeof decideScope>) =>
  decision.create.map((next) => `${next.group}:${next.task.id}`)

test('a list runs in order: first task, then the next once it ended', () => {
  assert.deepEqual(ids(decideScope(scope(), lookup({}))), ['0:a'])
  assert.deepEqual(ids(decideScope(scope(), lookup({ '0:a': 'RUNNING' }))), [])
  assert.deepEqual(ids(decideScope(scope(), lookup({ '0:a': 'SUCCESS' }))), ['0:b'])
  const done = decideScope(scope(), lookup({ '0:a': 'SUCCESS', '0:b': 'WARNING' }))
  assert.equal(done.state, 'WARNING')
})

test('disabled tasks are stepped over; SKIPPED does not stop a list', () => {
  const withDisabled = scope({
    groups: [{ branch: 'tasks', tasks: [task('a', { disabled: true }), task('b')] }],
  })
  assert.deepEqual(ids(decideScope(withDisabled, lookup({}))), ['0:b'])
  assert.equal(decideScope(scope(), lookup({ '0:a': 'SKIPPED', '0:b': 'SUCCESS' })).state, 'SUCCESS')
})

test('a failure stops the list, runs errors, then finally; the scope ends FAILED', () => {
  const withBranches = scope({ errors: [task('e')], finally: [task('f')] })
  assert.deepEqual(ids(decideScope(withBranches, lookup({ '0:a': 'FAILED' }))), [`${ERRORS_GROUP}:e`])
  assert.deepEqual(ids(decideScope(withBranches, lookup({ '0:a': 'FAILED', '-1:e': 'SUCCESS' }))), [
    `${FINALLY_GROUP}:f`,
  ])
  const end = decideScope(withBranches, lookup({ '0:a': 'FAILED', '-1:e': 'SUCCESS', '-2:f': 'SUCCESS' }))
  assert.equal(end.state, 'FAILED')
})

test('finally runs after success too, and its failure fails the scope', () => {
  const withFinally = scope({ finally: [task('f')] })
  const states = { '0:a': 'SUCCESS', '0:b': 'SUCCESS' } as const
  assert.deepEqual(ids(decideScope(withFinally, lookup(states))), [`${FINALLY_GROUP}:f`])
  assert.equal(decideScope(withFinally, lookup({ ...states, '-2:f': 'FAILED' })).state, 'FAILED')
})

test('groups start up to the concurrency; 0 starts them all; values are passed on', () => {
  const groups = ['x', 'y', 'z'].map((value) => ({ branch: 'tasks', value, tasks: [task('a')] }))
  const two = decideScope(scope({ groups, concurrency: 2 }), lookup({}))
  assert.deepEqual(ids(two), ['0:a', '1:a'])
  assert.deepEqual(
    two.create.map((next) => next.value),
    ['x', 'y'],
  )
  assert.deepEqual(
    ids(decideScope(scope({ groups, concurrency: 2 }), lookup({ '0:a': 'SUCCESS', '1:a': 'RUNNING' }))),
    ['2:a'],
  )
  assert.equal(decideScope(scope({ groups, concurrency: 0 }), lookup({})).create.length, 3)
})

test('after a group failed no new group starts; the running ones finish first', () => {
  const groups = ['x', 'y', 'z'].map((value) => ({ branch: 'tasks', value, tasks: [task('a')] }))
  const running = decideScope(
    scope({ groups, concurrency: 2 }),
    lookup({ '0:a': 'FAILED', '1:a': 'RUNNING' }),
  )
  assert.deepEqual(running, { create: [] })
  const over = decideScope(scope({ groups, concurrency: 2 }), lookup({ '0:a': 'FAILED', '1:a': 'SUCCESS' }))
  assert.equal(over.state, 'FAILED')
})

test('a killed scope starts nothing and ends KILLED when work was left', () => {
  const killed = scope({ killed: true, finally: [task('f')] })
  assert.deepEqual(decideScope(killed, lookup({ '0:a': 'RUNNING' })), { create: [] })
  assert.equal(decideScope(killed, lookup({ '0:a': 'KILLED' })).state, 'KILLED')
  const notStarted = scope({
    killed: true,
    groups: [
      { branch: 'tasks', tasks: [task('a')] },
      { branch: 'tasks', tasks: [task('b')] },
    ],
    concurrency: 1,
  })
  assert.equal(decideScope(notStarted, lookup({ '0:a': 'SUCCESS' })).state, 'KILLED')
})

test('an empty scope is an immediate SUCCESS', () => {
  assert.deepEqual(decideScope(scope({ groups: [] }), lookup({})), { create: [], state: 'SUCCESS' })
})
