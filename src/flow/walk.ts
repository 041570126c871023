import type { PluginRegistry } from '../plugins/registry.ts'
import { isPlainObject } from './plugin-defaults.ts'
import { formatPath, type PathSegment } from './source-map.ts'
import type { Flow, TaskDefinition } from './types.ts'

/** A task of a flow with where it sits. */
export interface WalkedTask {
  task: TaskDefinition
  /** YAML path, e.g. `tasks[0].then[1]`. */
  path: string
  /** The same path as segments, for `SourceMap.positionOf`. */
  segments: PathSegment[]
  /** Id of the flowable task containing it, if any. */
  parentId?: string
  /** Which list of the flow or of its parent: `tasks`, `errors`, `finally`, `then`, `cases.A`… */
  branch: string
}

/**
 * Every task of a flow, depth first in file order: `tasks`, `errors`, `finally`, and the children of flowable tasks
 * (their `taskLists` in the registry). For the engine (find a task by id) and the UI (topology).
 */
export function walkTasks(
  flow: Pick<Flow, 'tasks' | 'errors' | 'finally'>,
  registry: PluginRegistry,
): WalkedTask[] {
  const found: WalkedTask[] = []
  const visit = (tasks: unknown, path: PathSegment[], branch: string, parentId?: string) => {
    if (!Array.isArray(tasks)) return
    tasks.forEach((task: TaskDefinition, index) => {
      const taskPath = [...path, index]
      found.push({
        task,
        path: formatPath(taskPath),
        segments: taskPath,
        branch,
        ...(parentId === undefined ? {} : { parentId }),
      })
      const plugin = registry.get(task.type)
      if (plugin?.kind !== 'flowable') return
      for (const [key, kind] of Object.entries(plugin.taskLists)) {
        const lists = task[key]
        if (kind === 'list') visit(lists, [...taskPath, key], key, task.id)
        else if (isPlainObject(lists)) {
          for (const [name, list] of Object.entries(lists))
            visit(list, [...taskPath, key, name], `${key}.${name}`, task.id)
        }
      }
    })
  }
  visit(flow.tasks, ['tasks'], 'tasks')
  visit(flow.errors, ['errors'], 'errors')
  visit(flow.finally, ['finally'], 'finally')
  return found
}
