import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { LruCache } from './cache.ts'

describe('LruCache', () => {
  it('evicts the least recently used entry past its capacity', () => {
    const cache = new LruCache<string, number>(2)
    cache.set('a', 1)
    cache.set('b', 2)
    assert.equal(cache.get('a'), 1) // `a` is now the most recent
    cache.set('c', 3)
    assert.equal(cache.get('b'), undefined)
    assert.equal(cache.get('a'), 1)
    assert.equal(cache.get('c'), 3)
    assert.equal(cache.size, 2)
  })
  it('replaces an existing key without growing', () => {
    const cache = new LruCache<string, number>(2)
    cache.set('a', 1)
    cache.set('a', 2)
    assert.equal(cache.get('a'), 2)
    assert.equal(cache.size, 1)
  })
})
