import assert from 'node:assert/strict'
import { test } from 'node:test'
import { applyAllowances, newState, transition, worstState } from './states.ts'

test('worstState ranks KILLED > FAILED > WARNING > SUCCESS > SKIPPED', () => {
  assert.equal(worstState([]), 'SUCCESS')
  assert.equal(worstState(['SKIPPED', 'SKIPPED']), 'SUCCESS')
  assert.equal(worstState(['SUCCESS', 'WARNING', 'SKIPPED']), 'WARNING')
  assert.equal(worstState(['WARNING', 'FAILED', 'SUCCESS']), 'FAILED')
  assert.equal(worstState(['FAILED', 'KILLED']), 'KILLED')
})

test('applyAllowances: allowFailure turns FAILED into WARNING, allowWarning WARNING into SUCCESS', () => {
  assert.equal(applyAllowances('FAILED', {}), 'FAILED')
  assert.equal(applyAllowances('FAILED', { allowFailure: true }), 'WARNING')
  assert.equal(applyAllowances('FAILED', { allowFailure: true, allowWarning: true }), 'SUCCESS')
  assert.equal(applyAllowances('WARNING', { allowWarning: true }), 'SUCCESS')
  assert.equal(applyAllowances('KILLED', { allowFailure: true }), 'KILLED')
})

test('transition appends history and sets endDate only for terminal states', () => {
  const state = newState('CREATED', '2026-01-01T00:00:00.000Z')
  transition(state, 'RUNNING', '2026-01-01T00:00:01.000Z')
  assert.equal(state.endDate, undefined)
  transition(state, 'RUNNING', '2026-01-01T00:00:02.000Z')
  transition(state, 'SUCCESS', '2026-01-01T00:00:03.000Z')
  assert.deepEqual(
    state.histories.map((history) => history.state),
    ['CREATED', 'RUNNING', 'SUCCESS'],
  )
  assert.equal(state.endDate, '2026-01-01T00:00:03.000Z')
})
