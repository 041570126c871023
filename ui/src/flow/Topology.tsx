import { Background, Controls, Handle, type NodeProps, Position, ReactFlow } from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import { useMemo } from 'react'
import { stateColor } from '../components/StateBadge.tsx'
import type { TaskDef } from '../lib/types.ts'
import { flowGraph, type TaskNodeData } from './topology.ts'

const KIND_COLOR: Record<TaskNodeData['kind'], string> = {
  task: 'var(--border)',
  flowable: 'var(--accent)',
  errors: 'var(--bad)',
  finally: 'var(--warn)',
  start: 'var(--muted)',
  end: 'var(--muted)',
}

function TaskNode({ data }: NodeProps) {
  const task = data as TaskNodeData
  const round = task.kind === 'start' || task.kind === 'end'
  return (
    <div
      style={{
        background: 'var(--panel)',
        color: 'var(--text)',
        border: `1.5px solid ${task.state ? stateColor(task.state as string) : KIND_COLOR[task.kind]}`,
        borderRadius: round ? 999 : 6,
        padding: round ? '2px 12px' : '5px 10px',
        fontSize: 12,
        minWidth: round ? 0 : 150,
      }}
    >
      <Handle type="target" position={Position.Top} style={{ visibility: 'hidden' }} />
      <div style={{ fontWeight: 600 }}>{task.label}</div>
      {task.type && <div style={{ color: 'var(--muted)', fontSize: 11 }}>{task.type}</div>}
      <Handle type="source" position={Position.Bottom} style={{ visibility: 'hidden' }} />
    </div>
  )
}

const nodeTypes = { task: TaskNode }

/**
 * The flow's topology beside the editor: tasks, branches (If/Switch/Parallel), loops (ForEach), `errors` and
 * `finally`. `states` colours each task by its latest task-run state when shown for an execution.
 */
export function Topology({
  flow,
  states,
}: {
  flow: { tasks?: TaskDef[]; errors?: TaskDef[]; finally?: TaskDef[] }
  states?: Record<string, string>
}) {
  const graph = useMemo(() => {
    const { nodes, edges } = flowGraph(flow)
    if (states) for (const node of nodes) node.data = { ...node.data, state: states[node.data.label] }
    return { nodes, edges }
  }, [flow, states])
  return (
    <ReactFlow
      nodes={graph.nodes}
      edges={graph.edges}
      nodeTypes={nodeTypes}
      fitView
      fitViewOptions={{ maxZoom: 1 }}
      nodesDraggable={false}
      nodesConnectable={false}
      proOptions={{ hideAttribution: true }}
      colorMode="system"
    >
      <Background gap={16} size={1} />
      <Controls showInteractive={false} />
    </ReactFlow>
  )
}
