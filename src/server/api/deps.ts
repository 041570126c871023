import type { ServerConfig } from '../../config/server.ts'
import type { Engine } from '../../engine/index.ts'
import { VerityError } from '../../errors.ts'
import { type Flow, type PluginDefault, parseFlow } from '../../flow/index.ts'
import type { PluginRegistry } from '../../plugins/registry.ts'
import type { FlowRecord, Store } from '../../store/types.ts'

/** What the REST API runs on: an engine running (or reaching) the executor and workers over the same store. */
export interface ApiDeps {
  store: Store
  engine: Engine
  registry: PluginRegistry
  config: { server: ServerConfig; pluginDefaults?: readonly PluginDefault[] }
  verityVersion: string
  /** Where unexpected errors are logged. */
  log: (message: string) => void
}

/** Parses flow YAML the way the engine will (registry, global pluginDefaults); throws `FlowValidationError`. */
export function parseSource(deps: ApiDeps, source: string, file = '<api>'): Flow {
  return parseFlow(source, { file, registry: deps.registry, pluginDefaults: deps.config.pluginDefaults })
}

/** The latest (or given) revision of a flow that is not deleted; 404 otherwise. */
export async function existingFlow(
  deps: ApiDeps,
  namespace: string,
  id: string,
  revision?: number,
): Promise<FlowRecord> {
  const record = await deps.store.flows.get(namespace, id, revision)
  if (!record || (record.deleted && revision === undefined)) {
    const which = revision === undefined ? '' : ` revision ${revision}`
    throw new VerityError('FLOW_NOT_FOUND', `Flow ${namespace}.${id}${which} not found`)
  }
  return record
}

/** The stored flow parsed, its revision set; undefined when it no longer parses. */
export function tryParse(deps: ApiDeps, record: FlowRecord): Flow | undefined {
  try {
    return {
      ...parseSource(deps, record.source, `${record.namespace}.${record.id}`),
      revision: record.revision,
    }
  } catch {
    return undefined
  }
}
