import type { Plugin } from './define.ts'

/**
 * The plugin registry: type name (and aliases) → plugin. The flow validator assembles its schemas from it, the
 * worker finds what to run in it, `verity schema` and the plugins API list it.
 */
export class PluginRegistry {
  readonly #byType = new Map<string, Plugin>()
  readonly #plugins: Plugin[] = []

  register(...plugins: Plugin[]): this {
    for (const plugin of plugins) {
      for (const name of [plugin.type, ...(plugin.aliases ?? [])]) {
        if (this.#byType.has(name)) throw new Error(`plugin type registered twice: ${name}`)
        this.#byType.set(name, plugin)
      }
      this.#plugins.push(plugin)
    }
    return this
  }

  get(type: string): Plugin | undefined {
    return this.#byType.get(type)
  }

  /** Every plugin once (aliases not repeated), in registration order. */
  list(): readonly Plugin[] {
    return this.#plugins
  }

  /** Every registered name, aliases included. */
  names(): string[] {
    return [...this.#byType.keys()]
  }
}
