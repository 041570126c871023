/** Text that replaces every secret value. */
export const MASK = '******'

/**
 * Secrets shorter than this are not masked inside other text: a one-character key would turn "task timed out"
 * into "tas****** timed out", and blanking every "1" or "on" protects nothing (a value that short is guessable
 * anyway). They are still never printed where they are a whole value: see `SecretMasker`.
 */
export const MIN_SUBSTRING_SECRET_LENGTH = 4

/**
 * The secret values of one execution and the masking of text and data with them. Values come from `secret()`,
 * secret KV entries and `ctx.maskSecret()`; masking applies to logs, outputs, traces and error messages.
 *
 * The rule: a secret of at least `MIN_SUBSTRING_SECRET_LENGTH` characters is masked wherever it appears. A
 * shorter one is masked only where it is a whole value: a string (log message, output value, object key) equal
 * to it, and a JSON string equal to it inside serialized text (`{"token":"k"}` → `{"token":"******"}`).
 */
export class SecretMasker {
  /** Forms masked wherever they appear (long secrets, short secrets' quoted JSON forms) → their replacement. */
  readonly #substrings = new Map<string, string>()
  /** Short secrets, masked only when a whole string equals them. */
  readonly #wholeValues = new Set<string>()
  #pattern: RegExp | undefined

  /** Registers a value (and its JSON-escaped form, which is how it appears inside serialized data). */
  add(value: string): void {
    if (value.length === 0) return
    const escaped = JSON.stringify(value)
    if (value.length < MIN_SUBSTRING_SECRET_LENGTH) {
      this.#wholeValues.add(value)
      this.#addSubstring(escaped, `"${MASK}"`)
      return
    }
    this.#addSubstring(value, MASK)
    this.#addSubstring(escaped.slice(1, -1), MASK)
  }

  #addSubstring(form: string, replacement: string): void {
    // A long secret's replacement wins over a short secret's quoted form that happens to be the same text.
    if (this.#substrings.get(form) === MASK) return
    this.#substrings.set(form, replacement)
    this.#pattern = undefined
  }

  /** How many values are registered (each secret counts once per form it is matched in). */
  get size(): number {
    return this.#substrings.size + this.#wholeValues.size
  }

  /** Replaces every registered secret in `text` by `******` (short secrets only when they are all of `text`). */
  mask(text: string): string {
    if (this.#wholeValues.has(text)) return MASK
    if (this.#substrings.size === 0 || text.length < MIN_SUBSTRING_SECRET_LENGTH) return text
    this.#pattern ??= new RegExp(
      [...this.#substrings.keys()]
        .sort((a, b) => b.length - a.length)
        .map((secret) => secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'),
      'g',
    )
    return text.replace(this.#pattern, (found) => this.#substrings.get(found) ?? MASK)
  }

  /** Masks every string inside plain data (objects, arrays), keys included; returns a new value. */
  maskDeep<T>(value: T): T {
    if (this.size === 0) return value
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
