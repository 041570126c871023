import { randomUUID } from 'node:crypto'
import type { ExecutionRecord, ExecutionState, Store, TaskRunRecord } from '../types.ts'

/** The store under test, shared by the cases of one backend's suite. */
export interface StoreHandle {
  store: Store
}

/** A namespace no other case uses, so cases share one store without seeing each other's rows. */
export function uniqueNamespace(prefix = 'test'): string {
  return `${prefix}.n${randomUUID().replaceAll('-', '').slice(0, 12)}`
}

export function execution(
  namespace: string,
  overrides: Partial<ExecutionRecord> & { stateName?: ExecutionState; startDate?: string } = {},
): ExecutionRecord {
  const { stateName = 'RUNNING', startDate = new Date().toISOString(), ...rest } = overrides
  return {
    id: randomUUID(),
    namespace,
    flowId: 'hello',
    flowRevision: 1,
    state: { current: stateName, histories: [{ state: stateName, date: startDate }], startDate },
    inputs: { name: 'world', nested: { list: [1, 2, { deep: true }] } },
    outputs: {},
    labels: {},
    ...rest,
  }
}

export function taskRun(parent: ExecutionRecord, taskId: string, index = 0): TaskRunRecord {
  const now = new Date().toISOString()
  return {
    id: randomUUID(),
    executionId: parent.id,
    namespace: parent.namespace,
    flowId: parent.flowId,
    taskId,
    index,
    state: { current: 'CREATED', histories: [{ state: 'CREATED', date: now }], startDate: now },
    attempts: [],
    outputs: {},
  }
}
