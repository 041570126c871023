import type { Edge, Node } from '@xyflow/react'
import type { TaskDef } from '../lib/types.ts'

/** What a topology node shows. */
export interface TaskNodeData extends Record<string, unknown> {
  label: string
  type: string
  kind: 'task' | 'flowable' | 'errors' | 'finally' | 'start' | 'end'
}

const ROW = 64
const INDENT = 36
const BRANCH_GAP = 240

/** The nested task lists of a flowable task, with the label their edge carries. */
function branches(task: TaskDef): { label: string; tasks: TaskDef[] }[] {
  const found: { label: string; tasks: TaskDef[] }[] = []
  if (Array.isArray(task.tasks))
    found.push({ label: shortType(task.type).includes('ForEach') ? 'each' : '', tasks: task.tasks })
  if (Array.isArray(task.then)) found.push({ label: 'then', tasks: task.then })
  if (Array.isArray(task.else)) found.push({ label: 'else', tasks: task.else })
  if (task.cases && typeof task.cases === 'object') {
    for (const [key, tasks] of Object.entries(task.cases))
      if (Array.isArray(tasks)) found.push({ label: key, tasks })
  }
  if (Array.isArray(task.defaults)) found.push({ label: 'default', tasks: task.defaults })
  if (Array.isArray(task.errors)) found.push({ label: 'errors', tasks: task.errors })
  if (Array.isArray(task.finally)) found.push({ label: 'finally', tasks: task.finally })
  return found
}

/** `io.kestra.plugin.core.flow.ForEach` → `ForEach`. */
export function shortType(type: string): string {
  return type.split('.').at(-1) ?? type
}

/**
 * Lays a flow out as a graph: tasks top to bottom, branches of a flowable task side by side below it, loops and
 * branches labelled, then the flow's `errors` and `finally` lists, each joined from the end.
 */
export function flowGraph(flow: { tasks?: TaskDef[]; errors?: TaskDef[]; finally?: TaskDef[] }): {
  nodes: Node<TaskNodeData>[]
  edges: Edge[]
} {
  const nodes: Node<TaskNodeData>[] = []
  const edges: Edge[] = []
  let row = 0

  const add = (id: string, data: TaskNodeData, x: number) => {
    nodes.push({ id, data, position: { x, y: row * ROW }, type: 'task' })
    row++
  }
  const edge = (source: string, target: string, label?: string, dashed = false) =>
    edges.push({
      id: `${source}->${target}`,
      source,
      target,
      label: label || undefined,
      style: dashed ? { strokeDasharray: '4 3' } : undefined,
    })

  /** Lays out `tasks` from `x`; returns the ids that end the list (where the next task connects). */
  const list = (tasks: TaskDef[], x: number, from: string[], label?: string): string[] => {
    let tails = from
    tasks.forEach((task, position) => {
      const id = `task:${task.id}`
      const nested = branches(task)
      add(id, { label: task.id, type: shortType(task.type), kind: nested.length ? 'flowable' : 'task' }, x)
      for (const tail of tails) edge(tail, id, position === 0 ? label : undefined)
      if (nested.length === 0) {
        tails = [id]
        return
      }
      const startRow = row
      let deepest = row
      const ends: string[] = []
      nested.forEach((branch, index) => {
        row = startRow
        ends.push(...list(branch.tasks, x + INDENT + index * BRANCH_GAP, [id], branch.label))
        deepest = Math.max(deepest, row)
      })
      row = deepest
      tails = ends.length ? ends : [id]
    })
    return tails
  }

  add('start', { label: 'start', type: '', kind: 'start' }, 0)
  const tails = list(flow.tasks ?? [], 0, ['start'])
  add('end', { label: 'end', type: '', kind: 'end' }, 0)
  for (const tail of tails) edge(tail, 'end')
  if (flow.errors?.length) {
    const errorRow = row
    list(flow.errors, 0, ['end'], 'on error')
    for (const node of nodes.slice(-flow.errors.length))
      node.data.kind = node.data.kind === 'task' ? 'errors' : node.data.kind
    row = Math.max(row, errorRow)
  }
  if (flow.finally?.length) {
    list(flow.finally, flow.errors?.length ? BRANCH_GAP : 0, ['end'], 'finally')
  }
  return { nodes, edges }
}
