import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ApiDeps } from './deps.ts'
import { parseSource } from './deps.ts'

/** The repository's `examples/` directory. */
export const EXAMPLES_DIR = new URL('../../../examples/', import.meta.url).pathname

/**
 * Loads every `*.yaml` flow of `directory` into the store when the store holds no flow yet (a fresh data dir),
 * so a newcomer's first server has something real to run. A file that does not validate (e.g. a plugin missing
 * on this machine) is skipped with a log line. Returns the ids loaded.
 */
export async function seedExamples(deps: ApiDeps, directory = EXAMPLES_DIR): Promise<string[]> {
  if ((await deps.store.flows.list({ size: 1 })).total > 0) return []
  let names: string[]
  try {
    names = (await readdir(directory)).filter((name) => /\.ya?ml$/i.test(name)).sort()
  } catch {
    return []
  }
  const loaded: string[] = []
  for (const name of names) {
    const file = join(directory, name)
    try {
      const flow = parseSource(deps, await readFile(file, 'utf8'), file)
      await deps.store.flows.save({
        namespace: flow.namespace,
        id: flow.id,
        source: flow.source,
        description: flow.description,
        labels: flow.labels,
        disabled: flow.disabled,
      })
      loaded.push(`${flow.namespace}.${flow.id}`)
    } catch (error) {
      deps.log(`verity server: example ${file} not loaded: ${(error as Error).message}`)
    }
  }
  return loaded
}
