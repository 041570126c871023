import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { ModelMessage } from 'ai'
import { toKestraFinishReason } from './finish-reason.ts'
import { memoryWindow } from './memory-window.ts'

describe('toKestraFinishReason', () => {
  it('maps the AI SDK reasons to Kestra names', () => {
    assert.deepEqual(
      (['stop', 'length', 'tool-calls', 'content-filter', 'error', 'other'] as const).map(
        toKestraFinishReason,
      ),
      ['STOP', 'LENGTH', 'TOOL_EXECUTION', 'CONTENT_FILTER', 'OTHER', 'OTHER'],
    )
  })
})

describe('memoryWindow', () => {
  const call: ModelMessage = {
    role: 'assistant',
    content: [{ type: 'tool-call', toolCallId: 'c', toolName: 't', input: {} }],
  }
  const result: ModelMessage = {
    role: 'tool',
    content: [{ type: 'tool-result', toolCallId: 'c', toolName: 't', output: { type: 'text', value: 'r' } }],
  }
  it('keeps the last messages, never starting with tool results cut from their call, without system messages', () => {
    const messages: ModelMessage[] = [
      { role: 'system', content: 's' },
      { role: 'user', content: 'q' },
      call,
      result,
      result,
      { role: 'assistant', content: 'a' },
    ]
    assert.deepEqual(memoryWindow(messages, 3), [{ role: 'assistant', content: 'a' }])
    assert.deepEqual(memoryWindow(messages, 4), [call, result, result, { role: 'assistant', content: 'a' }])
    assert.deepEqual(memoryWindow(messages, 10), messages.slice(1))
  })
})
