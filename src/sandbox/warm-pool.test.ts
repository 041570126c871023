import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { sandboxConfigSchema } from '../config/sandbox.ts'
import { prepareHost } from './host.ts'
import { WarmPool } from './warm-pool.ts'

const environment = await prepareHost(sandboxConfigSchema.parse({}))
after(() => environment.close())

const shape = (memory: number) => ({ binds: {}, network: false, limits: { memory, processes: 16 } })
const settle = () => new Promise((resolve) => setTimeout(resolve, 300))

describe('WarmPool', () => {
  it('hands out each sandbox once and refills behind it', async () => {
    const pool = new WarmPool(environment, 1)
    try {
      const first = await pool.take(shape(65536))
      await settle()
      const second = await pool.take(shape(65536))
      assert.notEqual(first, second)
      assert.ok(second.alive)
      await Promise.all([first.discard(), second.discard()])
    } finally {
      await pool.close()
    }
  })

  it('keeps only the most recently used shapes warm', async () => {
    const pool = new WarmPool(environment, 1)
    try {
      for (let index = 0; index < 10; index++) await (await pool.take(shape(65536 + index))).discard()
      await settle()
      const warm = (pool as unknown as { ready: Map<string, unknown[]> }).ready
      assert.equal(warm.size, 8)
      const keys = [...warm.keys()].join(' ')
      assert.ok(!keys.includes(',65537,') && !keys.includes(',65536,'), keys)
      assert.ok(keys.includes(',65545,'), keys)
    } finally {
      await pool.close()
    }
  })
})
