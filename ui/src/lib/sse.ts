import { apiHeaders } from './api.ts'

/** One Server-Sent Event. */
export interface SseEvent {
  event: string
  data: string
  id?: string
}

/**
 * Follows an SSE stream with fetch (so credentials go in a header, which EventSource cannot send), reconnecting
 * with `Last-Event-ID` after a drop so nothing is missed or repeated. Stops on `stop()` or after an `end` event.
 * `onError` gets each failure; the stream retries after a second unless stopped.
 */
export function followSse(
  url: string,
  onEvent: (event: SseEvent) => void,
  onError: (error: Error) => void,
): { stop(): void } {
  const controller = new AbortController()
  let lastId: string | undefined
  let ended = false

  async function connect(): Promise<void> {
    const headers = apiHeaders({
      Accept: 'text/event-stream',
      ...(lastId ? { 'Last-Event-ID': lastId } : {}),
    })
    const response = await fetch(url, { headers, signal: controller.signal })
    if (!response.ok || !response.body) throw new Error(`live stream: HTTP ${response.status}`)
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
    let buffer = ''
    for (;;) {
      const { value, done } = await reader.read()
      if (done) return
      buffer += value
      let boundary = buffer.indexOf('\n\n')
      while (boundary >= 0) {
        const block = buffer.slice(0, boundary)
        buffer = buffer.slice(boundary + 2)
        const event = parseBlock(block)
        if (event) {
          if (event.id) lastId = event.id
          if (event.event === 'end') ended = true
          onEvent(event)
        }
        boundary = buffer.indexOf('\n\n')
      }
    }
  }

  async function loop(): Promise<void> {
    while (!controller.signal.aborted && !ended) {
      try {
        await connect()
      } catch (error) {
        if (controller.signal.aborted) return
        onError(error as Error)
      }
      if (!ended && !controller.signal.aborted) await new Promise((resolve) => setTimeout(resolve, 1000))
    }
  }
  void loop()
  return { stop: () => controller.abort() }
}

function parseBlock(block: string): SseEvent | undefined {
  let event = 'message'
  let id: string | undefined
  const data: string[] = []
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith(':')) continue
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
    if (field === 'event') event = value
    else if (field === 'data') data.push(value)
    else if (field === 'id') id = value
  }
  return data.length === 0 ? undefined : { event, data: data.join('\n'), id }
}
