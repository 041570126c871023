import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { VerityError } from '../errors.ts'
import { parseFlow } from '../flow/index.ts'
import type { Flow, PluginDefault } from '../flow/types.ts'
import type { PluginRegistry } from '../plugins/registry.ts'
import type { Store } from '../store/types.ts'
import { flowFileOf, registerFlowFile } from './flow-index.ts'

/**
 * Where the engine gets flows: every submitted flow is saved as a revision in the store (so a restart or a crash
 * recovery re-reads exactly what ran); subflows are looked up in the configured flows directories first, then in
 * the store's latest revision.
 */
export class FlowLoader {
  readonly #store: Store
  readonly #registry: PluginRegistry
  readonly #pluginDefaults: readonly PluginDefault[]
  readonly #flowsDirs: readonly string[]
  readonly #byRevision = new Map<string, Flow>()
  readonly #lastSaved = new Map<string, { source: string; revision: number }>()

  constructor(options: {
    store: Store
    registry: PluginRegistry
    pluginDefaults?: readonly PluginDefault[]
    flowsDirs?: readonly string[]
  }) {
    this.#store = options.store
    this.#registry = options.registry
    this.#pluginDefaults = options.pluginDefaults ?? []
    this.#flowsDirs = options.flowsDirs ?? []
  }

  /** Stores the flow's source as a revision (a new one only when it changed); returns the flow with it. */
  async save(flow: Flow): Promise<Flow> {
    const key = `${flow.namespace}/${flow.id}`
    let revision =
      this.#lastSaved.get(key)?.source === flow.source ? this.#lastSaved.get(key)?.revision : undefined
    if (revision === undefined) {
      const record = await this.#store.flows.save({
        namespace: flow.namespace,
        id: flow.id,
        source: flow.source,
        description: flow.description,
        labels: flow.labels,
        disabled: flow.disabled,
      })
      revision = record.revision
      this.#lastSaved.set(key, { source: flow.source, revision })
    }
    const saved = flow.revision === revision ? flow : { ...flow, revision }
    const file = flowFileOf(flow)
    if (file) registerFlowFile(saved, file)
    this.#byRevision.set(`${key}@${revision}`, saved)
    return saved
  }

  /** The flow an execution ran (a stored revision). */
  async load(namespace: string, id: string, revision: number): Promise<Flow> {
    const key = `${namespace}/${id}@${revision}`
    const cached = this.#byRevision.get(key)
    if (cached) return cached
    const record = await this.#store.flows.get(namespace, id, revision)
    if (!record) {
      throw new VerityError(
        'FLOW_NOT_FOUND',
        `Flow ${namespace}.${id} revision ${revision} is not in the store`,
      )
    }
    const flow = { ...this.#parse(record.source, `${namespace}.${id}@${revision}`), revision }
    this.#byRevision.set(key, flow)
    return flow
  }

  /** A flow to start as a subflow: from the flows directories, else the store's latest revision. */
  async resolve(namespace: string, id: string): Promise<Flow> {
    for (const directory of this.#flowsDirs) {
      const found = await this.#findInDirectory(directory, namespace, id)
      if (found) return found
    }
    const record = await this.#store.flows.get(namespace, id)
    if (record && !record.deleted) {
      return {
        ...this.#parse(record.source, `${namespace}.${id}@${record.revision}`),
        revision: record.revision,
      }
    }
    const where = [...this.#flowsDirs.map((directory) => `directory ${directory}`), 'the store'].join(', ')
    throw new VerityError('FLOW_NOT_FOUND', `Flow ${namespace}.${id} not found (looked in ${where})`)
  }

  async #findInDirectory(directory: string, namespace: string, id: string): Promise<Flow | undefined> {
    let names: string[]
    try {
      names = (await readdir(directory, { recursive: true })).filter((name) => /\.ya?ml$/i.test(name))
    } catch {
      return undefined
    }
    for (const name of names.sort()) {
      const file = join(directory, name)
      const source = await readFile(file, 'utf8')
      // Cheap pre-check before a full parse: the id must appear in the file.
      if (!source.includes(id) || !source.includes(namespace)) continue
      let flow: Flow
      try {
        flow = this.#parse(source, file)
      } catch {
        continue
      }
      if (flow.id === id && flow.namespace === namespace) return flow
    }
    return undefined
  }

  #parse(source: string, file: string): Flow {
    const flow = parseFlow(source, { file, registry: this.#registry, pluginDefaults: this.#pluginDefaults })
    registerFlowFile(flow, file)
    return flow
  }
}
