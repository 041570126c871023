/**
 * `verity kv set|get|list|delete`: the KV store of a namespace, over the data directory.
 */
import { Command } from 'commander'
import { durationMs, MASK } from '../../engine/index.ts'
import { VerityError } from '../../errors.ts'
import type { KVEntry } from '../../store/types.ts'
import { openRuntime } from '../runtime.ts'

/** A CLI value: JSON when it parses (`42`, `true`, `{"a":1}`, `"quoted"`), else the text itself. */
export function parseKvValue(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

async function withStore<T>(
  command: Command,
  work: (store: Awaited<ReturnType<typeof openRuntime>>['store']) => Promise<T>,
) {
  const runtime = await openRuntime({ configPath: command.optsWithGlobals().config })
  try {
    return await work(runtime.store)
  } finally {
    await runtime.close()
  }
}

function show(entry: KVEntry, reveal: boolean): string {
  return entry.secret && !reveal ? MASK : JSON.stringify(entry.value)
}

export function kvCommand(): Command {
  const kv = new Command('kv').description('Read and write the key-value store of a namespace.').addHelpText(
    'after',
    `
Examples:
  $ verity kv set company.team api_url https://api.example.com
  $ verity kv set company.team limits '{"max": 10}' --ttl P1D
  $ verity kv set company.team db_password s3cret --secret
  $ verity kv get company.team limits
  $ verity kv list company.team
  $ verity kv delete company.team limits`,
  )
  kv.command('set')
    .description('Set a value (parsed as JSON when it is valid JSON, else stored as text).')
    .argument('<namespace>')
    .argument('<key>')
    .argument('<value>')
    .option('--secret', 'mark the entry secret: masked in logs and outputs, hidden by get/list')
    .option('--ttl <duration>', 'ISO-8601 duration after which the entry expires, e.g. PT1H, P7D')
    .action(
      async (
        namespace: string,
        key: string,
        value: string,
        options: { secret?: boolean; ttl?: string },
        command: Command,
      ) => {
        const expiresAt =
          options.ttl === undefined
            ? undefined
            : new Date(Date.now() + durationMs(options.ttl, '--ttl')).toISOString()
        await withStore(command, (store) =>
          store.kv.set({
            namespace,
            key,
            value: parseKvValue(value),
            secret: options.secret ?? false,
            expiresAt,
          }),
        )
      },
    )
  kv.command('get')
    .description('Print a value as JSON.')
    .argument('<namespace>')
    .argument('<key>')
    .option('--reveal', 'print a secret value instead of ******')
    .action(async (namespace: string, key: string, options: { reveal?: boolean }, command: Command) => {
      const entry = await withStore(command, (store) => store.kv.get(namespace, key))
      if (!entry)
        throw new VerityError('KV_NOT_FOUND', `KV key '${key}' not found in namespace '${namespace}'`)
      process.stdout.write(`${show(entry, options.reveal ?? false)}\n`)
    })
  kv.command('list')
    .description('List the keys of a namespace with their values.')
    .argument('<namespace>')
    .option('--json', 'print a JSON array')
    .action(async (namespace: string, options: { json?: boolean }, command: Command) => {
      const entries = await withStore(command, (store) => store.kv.list(namespace))
      if (options.json) {
        const masked = entries.map((entry) => (entry.secret ? { ...entry, value: MASK } : entry))
        process.stdout.write(`${JSON.stringify(masked)}\n`)
        return
      }
      for (const entry of entries) {
        const expires = entry.expiresAt ? `  (expires ${entry.expiresAt})` : ''
        process.stdout.write(
          `${entry.key}\t${show(entry, false)}${entry.secret ? '  [secret]' : ''}${expires}\n`,
        )
      }
    })
  kv.command('delete')
    .description('Delete a key.')
    .argument('<namespace>')
    .argument('<key>')
    .action(async (namespace: string, key: string, _options: unknown, command: Command) => {
      const deleted = await withStore(command, (store) => store.kv.delete(namespace, key))
      if (!deleted)
        throw new VerityError('KV_NOT_FOUND', `KV key '${key}' not found in namespace '${namespace}'`)
    })
  return kv
}
