/**
 * Pre-started single-use sandboxes: a few per shape (binds, network, cgroup limits) kept waiting, so a request
 * does not pay for namespace and cgroup set-up. Each is taken by exactly one run and then discarded; the pool
 * refills behind it. Only the most recently used shapes are kept warm, so varied limits cannot grow it unbounded.
 */
import type { HostEnvironment } from './host.ts'
import { SandboxInstance, type SandboxShape } from './instance.ts'

/** Shapes kept warm at once (e.g. a few languages × the usual limits); older ones are let go. */
const MAX_SHAPES = 8

export class WarmPool {
  private readonly environment: HostEnvironment
  private readonly size: number
  private readonly ready = new Map<string, SandboxInstance[]>()
  private readonly starting = new Map<string, number>()
  private readonly inFlight = new Set<Promise<unknown>>()
  private closed = false

  constructor(environment: HostEnvironment, size: number) {
    this.environment = environment
    this.size = size
  }

  /** A sandbox ready for one run: a pre-started one when available, else started now. Refills in the background. */
  async take(shape: SandboxShape): Promise<SandboxInstance> {
    const key = shapeKey(shape)
    const list = this.ready.get(key) ?? []
    let instance = list.shift()
    while (instance && !instance.alive) {
      void instance.discard()
      instance = list.shift()
    }
    this.refill(key, shape)
    return instance ?? SandboxInstance.start(this.environment, shape)
  }

  private refill(key: string, shape: SandboxShape): void {
    if (this.closed || this.size === 0) return
    const list = this.ready.get(key) ?? []
    // Re-inserting moves the shape to the end: the Map's order is least- to most-recently used.
    this.ready.delete(key)
    this.ready.set(key, list)
    this.evictBeyond(MAX_SHAPES)
    const pending = this.starting.get(key) ?? 0
    for (let missing = this.size - list.length - pending; missing > 0; missing--) {
      this.starting.set(key, (this.starting.get(key) ?? 0) + 1)
      const started = SandboxInstance.start(this.environment, shape).then(
        (instance) => {
          this.starting.set(key, (this.starting.get(key) ?? 1) - 1)
          if (this.closed || this.ready.get(key) !== list) void instance.discard()
          else list.push(instance)
        },
        () => this.starting.set(key, (this.starting.get(key) ?? 1) - 1),
      )
      this.inFlight.add(started)
      void started.finally(() => this.inFlight.delete(started))
    }
  }

  private evictBeyond(count: number): void {
    for (const [key, list] of this.ready) {
      if (this.ready.size <= count) return
      this.ready.delete(key)
      for (const instance of list) this.environment.track(instance.discard())
    }
  }

  /** Discards every waiting sandbox. */
  async close(): Promise<void> {
    this.closed = true
    await Promise.all(this.inFlight)
    const all = [...this.ready.values()].flat()
    this.ready.clear()
    await Promise.all(all.map((instance) => instance.discard()))
  }
}

function shapeKey(shape: SandboxShape): string {
  const binds = Object.entries(shape.binds).sort(([a], [b]) => a.localeCompare(b))
  return JSON.stringify([binds, shape.network, shape.limits.memory, shape.limits.processes])
}
