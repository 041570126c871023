import { VerityError } from '../errors.ts'
import type { HostFunction } from '../expr/index.ts'
import type { KVRepository } from '../store/types.ts'
import type { SecretMasker } from './masker.ts'

/**
 * The functions the expression language leaves to the host: `kv()` and `secret()`. Every secret value read is
 * registered with the execution's masker before it is returned, so it never prints.
 */
export function hostFunctions(options: {
  kv: KVRepository
  namespace: string
  masker: SecretMasker
  environment?: NodeJS.ProcessEnv
}): Record<string, HostFunction> {
  const { kv, masker } = options
  const environment = options.environment ?? process.env
  return {
    /** `kv(key, namespace?, errorOnMissing?)`: the JSON value of a KV entry, `null` when absent and allowed. */
    async kv(args, named) {
      const key = String(args[0] ?? named.key ?? '')
      const namespace = String(args[1] ?? named.namespace ?? options.namespace)
      const errorOnMissing = (args[2] ?? named.errorOnMissing ?? true) !== false
      const entry = await kv.get(namespace, key)
      if (!entry) {
        if (errorOnMissing) {
          throw new VerityError('KV_NOT_FOUND', `KV entry '${key}' not found in namespace '${namespace}'`)
        }
        return null
      }
      if (entry.secret) registerSecret(masker, entry.value)
      return entry.value
    },
    /**
     * `secret(key)`, Kestra OSS's way: the environment variable `SECRET_<KEY>` holding the base64-encoded value,
     * else a KV entry of the namespace marked secret.
     */
    async secret(args, named) {
      const key = String(args[0] ?? named.key ?? '')
      if (!key) throw new VerityError('SECRET_NOT_FOUND', 'secret() needs a key')
      const encoded = environment[`SECRET_${key}`] ?? environment[`SECRET_${key.toUpperCase()}`]
      if (encoded !== undefined) {
        const value = Buffer.from(encoded.trim(), 'base64').toString('utf8')
        masker.add(value)
        return value
      }
      const entry = await kv.get(options.namespace, key)
      if (entry?.secret) {
        registerSecret(masker, entry.value)
        return entry.value
      }
      throw new VerityError(
        'SECRET_NOT_FOUND',
        `Secret '${key}' not found: set the environment variable SECRET_${key.toUpperCase()} to its base64-encoded value, or store it with \`verity kv set --secret ${options.namespace} ${key} VALUE\``,
      )
    },
  }
}

/** Registers every string inside a secret value (a secret JSON object masks each of its strings). */
export function registerSecret(masker: SecretMasker, value: unknown): void {
  if (typeof value === 'string') masker.add(value)
  else if (typeof value === 'number' || typeof value === 'boolean') masker.add(String(value))
  else if (Array.isArray(value)) for (const item of value) registerSecret(masker, item)
  else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) registerSecret(masker, item)
  }
  if (value !== null && typeof value === 'object') masker.add(JSON.stringify(value))
}
