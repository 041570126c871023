/** Text that replaces every secret value. */
export const MASK = '******'

// Shorter values would blank out ordinary words and digits all over the logs without protecting anything.
const MIN_SECRET_LENGTH = 3

/**
 * The secret values of one execution and the masking of text and data with them. Values come from `secret()`,
 * secret KV entries and `ctx.maskSecret()`; masking applies to logs, outputs, traces and error messages.
 */
export class SecretMasker {
  readonly #secrets = new Set<string>()
  #pattern: RegExp | undefined

  /** Registers a value (and its JSON-escaped form, which is how it appears inside serialized data). */
  add(value: string): void {
    for (const form of [value, JSON.stringify(value).slice(1, -1)]) {
      if (form.length < MIN_SECRET_LENGTH || this.#secrets.has(form)) continue
      this.#secrets.add(form)
      this.#pattern = undefined
    }
  }

  get size(): number {
    return this.#secrets.size
  }

  /** Replaces every registered secret in `text` by `******`. */
  mask(text: string): string {
    if (this.#secrets.size === 0 || text.length < MIN_SECRET_LENGTH) return text
    this.#pattern ??= new RegExp(
      [...this.#secrets]
        .sort((a, b) => b.length - a.length)
        .map((secret) => secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'),
      'g',
    )
    return text.replace(this.#pattern, MASK)
  }

  /** Masks every string inside plain data (objects, arrays), keys included; returns a new value. */
  maskDeep<T>(value: T): T {
    if (this.#secrets.size === 0) return value
    return this.#maskValue(value) as T
  }

  #maskValue(value: unknown): unknown {
    if (typeof value === 'string') return this.mask(value)
    if (Array.isArray(value)) return value.map((item) => this.#maskValue(item))
    if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      const result: Record<string, unknown> = {}
      for (const [key, item] of Object.entries(value)) result[this.mask(key)] = this.#maskValue(item)
      return result
    }
    return value
  }
}

/** The maskers of the executions running in this process, by execution id. */
export class SecretRegistry {
  readonly #maskers = new Map<string, SecretMasker>()

  for(executionId: string): SecretMasker {
    let masker = this.#maskers.get(executionId)
    if (!masker) {
      masker = new SecretMasker()
      this.#maskers.set(executionId, masker)
    }
    return masker
  }

  /** Forgets an execution's secrets once it has ended. */
  release(executionId: string): void {
    this.#maskers.delete(executionId)
  }
}
