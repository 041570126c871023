import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { flowListQueries, logQuery, SqlParameters, upsertQuery } from './queries.ts'

describe('store shared queries', () => {
  it('hands out placeholders in each backend style, in binding order', () => {
    const question = new SqlParameters('question')
    const numbered = new SqlParameters('numbered')
    assert.deepEqual([question.add('a'), question.add(2)], ['?', '?'])
    assert.deepEqual([numbered.add('a'), numbered.add(2)], ['$1', '$2'])
    assert.deepEqual(numbered.values, ['a', 2])
  })

  it('binds limit and offset after the filter values, and counts without them', () => {
    const { count, page } = flowListQueries(
      { namespace: 'team', page: 3, size: 10 },
      'numbered',
      'NOT deleted',
    )
    assert.deepEqual(count.values, ['team', 'team.%'])
    assert.match(page.sql, /namespace = \$1 OR namespace LIKE \$2 .*LIMIT \$3 OFFSET \$4$/)
    assert.deepEqual(page.values, ['team', 'team.%', 10, 20])
  })

  it('builds a log query with only the given conditions', () => {
    const { sql, values } = logQuery({ executionId: 'e1', minLevel: 'WARN', limit: 5 }, 'question')
    assert.equal(sql, 'SELECT * FROM logs WHERE execution_id = ? AND level >= ? ORDER BY seq LIMIT ?')
    assert.deepEqual(values, ['e1', 3, 5])
  })

  it('builds an upsert that rewrites only the named columns', () => {
    const { sql, values } = upsertQuery(
      't',
      { id: 'a', state: 'RUNNING', data: '{}' },
      'id',
      ['state'],
      'numbered',
    )
    assert.equal(
      sql,
      'INSERT INTO t (id, state, data) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET state = excluded.state',
    )
    assert.deepEqual(values, ['a', 'RUNNING', '{}'])
  })
})
