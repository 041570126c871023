import { type PathSegment, parseYaml, walkTasks } from '../flow/index.ts'
import type { Flow, SourcePosition, TaskDefinition } from '../flow/types.ts'
import type { PluginRegistry } from '../plugins/registry.ts'

/** A flow's tasks by id, and where each sits in its YAML (for positioned errors at run time). */
export interface FlowIndex {
  tasks: ReadonlyMap<string, TaskDefinition>
  /**
   * `file:line:column` + YAML path of a task. Lazy: the YAML is re-read only when a field is first read, which
   * only error paths do, so a task run that succeeds never pays for it.
   */
  position(taskId: string): SourcePosition
}

const cache = new WeakMap<Flow, FlowIndex>()
const files = new WeakMap<Flow, string>()

/** Remembers which file a flow was read from, so run-time errors point into it. */
export function registerFlowFile(flow: Flow, file: string): void {
  files.set(flow, file)
}

/** The file a flow was read from, when known. */
export function flowFileOf(flow: Flow): string | undefined {
  return files.get(flow)
}

/** Indexes a flow once per parsed flow object. */
export function indexFlow(flow: Flow, registry: PluginRegistry): FlowIndex {
  const cached = cache.get(flow)
  if (cached) return cached
  const walked = walkTasks(flow, registry)
  const tasks = new Map(walked.map((entry) => [entry.task.id, entry.task]))
  const paths = new Map(walked.map((entry) => [entry.task.id, entry.path]))
  let positions: Map<string, SourcePosition> | undefined
  const file = files.get(flow) ?? `${flow.namespace}.${flow.id}`
  const index: FlowIndex = {
    tasks,
    position: (taskId) => lazyPosition(() => locate(taskId)),
  }
  const locate = (taskId: string): SourcePosition => {
    const path = paths.get(taskId) ?? taskId
    if (!positions) {
      positions = new Map()
      try {
        const { sourceMap } = parseYaml(flow.source, file)
        for (const [id, taskPath] of paths) positions.set(id, sourceMap.positionOf(segmentsOf(taskPath)))
      } catch {
        // A flow that parsed once always re-parses; the fallback below only guards against the impossible.
      }
    }
    return positions.get(taskId) ?? { file, line: 0, column: 0, path }
  }
  cache.set(flow, index)
  return index
}

/** A `SourcePosition` computed on first read of any field (spreading it reads them all). */
export function lazyPosition(compute: () => SourcePosition): SourcePosition {
  let resolved: SourcePosition | undefined
  const get = () => {
    resolved ??= compute()
    return resolved
  }
  return {
    get file() {
      return get().file
    },
    get line() {
      return get().line
    },
    get column() {
      return get().column
    },
    get path() {
      return get().path
    },
    get endLine() {
      return get().endLine
    },
    get endColumn() {
      return get().endColumn
    },
  }
}

/** `tasks[0].cases.A[1]` → `['tasks', 0, 'cases', 'A', 1]`. */
export function segmentsOf(path: string): PathSegment[] {
  const segments: PathSegment[] = []
  for (const match of path.matchAll(/\[(\d+)\]|\.?([^.[\]]+)/g)) {
    segments.push(match[1] !== undefined ? Number(match[1]) : match[2])
  }
  return segments
}
