import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseFlow, walkTasks } from './index.ts'
import { testRegistry } from './testing/plugins.ts'

describe('walkTasks', () => {
  it('lists every task depth first with its path, branch and parent', () => {
    const registry = testRegistry()
    const flow = parseFlow(
      `id: f
namespace: n
tasks:
  - id: check
    type: test.core.flow.If
    condition: x
    then:
      - id: inner
        type: test.core.flow.Switch
        value: v
        cases:
          A:
            - id: deep
              type: test.core.log.Log
              message: m
    else:
      - id: other
        type: test.core.log.Log
        message: m
errors:
  - id: onError
    type: test.core.log.Log
    message: m
`,
      { file: 'f.yaml', registry },
    )
    assert.deepEqual(
      walkTasks(flow, registry).map((entry) => [entry.task.id, entry.path, entry.branch, entry.parentId]),
      [
        ['check', 'tasks[0]', 'tasks', undefined],
        ['inner', 'tasks[0].then[0]', 'then', 'check'],
        ['deep', 'tasks[0].then[0].cases.A[0]', 'cases.A', 'inner'],
        ['other', 'tasks[0].else[0]', 'else', 'check'],
        ['onError', 'errors[0]', 'errors', undefined],
      ],
    )
    assert.deepEqual(walkTasks(flow, registry)[2].segments, ['tasks', 0, 'then', 0, 'cases', 'A', 0])
  })
})
