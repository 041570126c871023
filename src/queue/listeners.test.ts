import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ChannelListeners } from './listeners.ts'

describe('ChannelListeners', () => {
  it('reports a throwing listener and still delivers to the others of the channel only', () => {
    const listeners = new ChannelListeners()
    const seen: unknown[] = []
    const errors: unknown[] = []
    listeners.add('a', () => {
      throw new Error('boom')
    })
    listeners.add('a', (event) => seen.push(event))
    listeners.add('b', () => assert.fail('wrong channel'))
    listeners.deliver('a', 1, (error) => errors.push(error))
    assert.deepEqual(seen, [1])
    assert.equal((errors[0] as Error).message, 'boom')
  })

  it('stops only the subscription it belongs to, even for the same handler twice', async () => {
    const listeners = new ChannelListeners()
    const seen: unknown[] = []
    const handler = (event: unknown) => seen.push(event)
    const first = listeners.add('a', handler)
    listeners.add('a', handler)
    await first.stop()
    listeners.deliver('a', 'x', (error) => assert.fail(String(error)))
    assert.deepEqual(seen, ['x'])
    listeners.clear()
    listeners.deliver('a', 'y', (error) => assert.fail(String(error)))
    assert.deepEqual(seen, ['x'])
  })
})
