import type { ModelMessage } from 'ai'

/**
 * Keeps the last `size` messages of a conversation, never starting it with tool results cut off from the
 * assistant message that called them (providers reject a tool result without its call), so the window may hold
 * slightly fewer than `size` messages.
 */
export function memoryWindow(messages: readonly ModelMessage[], size: number): ModelMessage[] {
  let start = Math.max(0, messages.length - size)
  while (start < messages.length && messages[start]?.role === 'tool') start += 1
  return messages.slice(start).filter((message) => message.role !== 'system')
}
