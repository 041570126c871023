import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { ExecutionState, TaskRunRecord } from '../store/types.ts'
import { planRestart } from './restart.ts'
import { newState } from './states.ts'

const run = (id: string, state: ExecutionState, extra: Partial<TaskRunRecord> = {}): TaskRunRecord => ({
  id,
  executionId: 'e',
  namespace: 'n',
  flowId: 'f',
  taskId: id,
  index: 0,
  branch: 'tasks',
  state: newState(state, '2026-01-01T00:00:00.000Z'),
  attempts: [],
  outputs: {},
  ...extra,
})

test('failed runs are reset; errors/finally of reopened scopes (with their children) are superseded', () => {
  const runs = [
    run('ok', 'SUCCESS'),
    run('seq', 'FAILED', { engineState: { plan: { concurrency: 1, groups: [] } } }),
    run('child', 'FAILED', { parentTaskRunId: 'seq' }),
    run('seqErrors', 'SUCCESS', { parentTaskRunId: 'seq', branch: 'errors' }),
    run('rootErrors', 'SUCCESS', { branch: 'errors', engineState: { plan: { concurrency: 1, groups: [] } } }),
    run('rootErrorsChild', 'SUCCESS', { parentTaskRunId: 'rootErrors' }),
    run('old', 'FAILED', { engineState: { superseded: true } }),
  ]
  const { reset, supersede } = planRestart(runs)
  assert.deepEqual(reset.map((taskRun) => taskRun.id).sort(), ['child', 'seq'])
  assert.deepEqual(supersede.map((taskRun) => taskRun.id).sort(), [
    'rootErrors',
    'rootErrorsChild',
    'seqErrors',
  ])
})
