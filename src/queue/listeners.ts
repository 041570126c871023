import { AsyncResource } from 'node:async_hooks'
import type { Subscription } from './types.ts'

type Listener = (event: unknown) => void

/** The listeners of `publish`/`listen`, per channel, as both queue backends keep them. */
export class ChannelListeners {
  readonly #byChannel = new Map<string, Set<Listener>>()

  /** Adds `handler` to `channel`; its subscription stops only this handler. */
  add<T>(channel: string, handler: (event: T) => void): Subscription {
    let listeners = this.#byChannel.get(channel)
    if (!listeners) {
      listeners = new Set()
      this.#byChannel.set(channel, listeners)
    }
    // Bound to the caller of `listen` (not of `publish`); wrapped so each subscription stops only itself.
    const listener = AsyncResource.bind((event: unknown) => handler(event as T))
    listeners.add(listener)
    return {
      stop: async () => {
        listeners.delete(listener)
      },
    }
  }

  /** Calls every listener of `channel`; one that throws is reported and does not keep the event from the rest. */
  deliver(channel: string, event: unknown, onError: (error: unknown) => void): void {
    for (const listener of this.#byChannel.get(channel) ?? []) {
      try {
        listener(event)
      } catch (error) {
        onError(error)
      }
    }
  }

  clear(): void {
    this.#byChannel.clear()
  }
}
