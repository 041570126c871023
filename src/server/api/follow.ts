import type { Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { EngineEvent } from '../../engine/index.ts'
import { isTerminal } from '../../engine/index.ts'
import type { LogLevel } from '../../store/types.ts'
import type { ApiDeps } from './deps.ts'
import { existingExecution } from './executions.ts'
import { executionJson, logJson, taskRunJson } from './serialize.ts'

/** What a stream sends: logs (always), and with `everything` state, task-run and trace events. */
export interface FollowOptions {
  everything: boolean
  minLevel?: LogLevel
  taskRunId?: string
  taskId?: string
}

/** Polls while nothing signals, so a change made by another process still arrives. */
const POLL_MS = 500
const KEEPALIVE_MS = 15_000
/** How long after the end to look once more for log lines still being written. */
const DRAIN_MS = 200

/** `Last-Event-ID` of this stream's ids, `<logSeq>-<traceSeq>`. */
function parseCursor(header: string | undefined): { log: number; trace: number } {
  const match = /^(\d+)-(\d+)$/.exec(header ?? '')
  return match ? { log: Number(match[1]), trace: Number(match[2]) } : { log: 0, trace: 0 }
}

/**
 * Streams an execution over Server-Sent Events, reading everything from the store (so a reconnect with
 * `Last-Event-ID` resumes exactly after the last log and trace event it saw) and re-reading whenever an engine
 * event for this execution arrives. Events: `log` (unnamed `message` events on the logs-only stream, as Kestra's),
 * and with `everything`: `execution` (state changes), `taskRun` (a task run's state or attempts changed), `trace`;
 * `end` once the execution is over and drained.
 * A reconnect gets the current execution and task runs again (they are idempotent snapshots).
 */
export async function followExecution(context: Context, deps: ApiDeps, id: string, options: FollowOptions) {
  await existingExecution(deps, id)
  const cursor = parseCursor(context.req.header('Last-Event-ID'))
  return streamSSE(context, async (stream) => {
    let wake: (() => void) | undefined
    const subscription = await deps.engine.events.subscribe((event: EngineEvent) => {
      if (executionIdOf(event) === id) wake?.()
    })
    const seen = new Map<string, string>()
    let lastExecution = ''
    const eventId = () => `${cursor.log}-${cursor.trace}`
    const send = (event: string | undefined, data: unknown) =>
      stream.writeSSE({ event, data: JSON.stringify(data), id: eventId() })
    let idleMs = 0
    let drained = false
    try {
      while (!stream.aborted) {
        const execution = await deps.store.executions.get(id)
        if (!execution) break
        const ended = isTerminal(execution.state.current)
        const logs = await deps.store.logs.query({
          executionId: id,
          afterSeq: cursor.log,
          minLevel: options.minLevel,
          taskRunId: options.taskRunId,
          taskId: options.taskId,
          limit: 1000,
        })
        for (const log of logs) {
          cursor.log = Math.max(cursor.log, log.seq ?? 0)
          // Kestra's log stream sends unnamed (`message`) events: `EventSource.onmessage` clients keep working.
          await send(options.everything ? 'log' : undefined, logJson(log))
        }
        if (options.everything) {
          for (const run of await deps.store.taskRuns.listByExecution(id)) {
            const json = taskRunJson(run)
            const signature = JSON.stringify([
              json.state.current,
              json.state.histories.length,
              json.attempts.length,
            ])
            if (seen.get(run.id) === signature) continue
            seen.set(run.id, signature)
            await send('taskRun', json)
          }
          for (const trace of await deps.store.traces.listByExecution(id, cursor.trace)) {
            cursor.trace = Math.max(cursor.trace, trace.seq ?? 0)
            await send('trace', trace)
          }
          const signature = `${execution.state.current}:${execution.state.histories.length}`
          if (signature !== lastExecution) {
            lastExecution = signature
            await send('execution', executionJson(execution))
          }
        }
        // One more read after the end was seen: log lines the engine flushes after the final state still get out.
        if (ended && drained && logs.length === 0) {
          await send('end', { state: execution.state.current })
          break
        }
        drained = ended
        const signalled = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), ended ? DRAIN_MS : POLL_MS)
          wake = () => {
            clearTimeout(timer)
            resolve(true)
          }
        })
        wake = undefined
        idleMs = signalled ? 0 : idleMs + POLL_MS
        if (idleMs >= KEEPALIVE_MS) {
          idleMs = 0
          await stream.write(': keep-alive\n\n')
        }
      }
    } finally {
      await subscription.stop()
    }
  })
}

function executionIdOf(event: EngineEvent): string {
  switch (event.type) {
    case 'execution':
      return event.execution.id
    case 'task-run':
      return event.taskRun.executionId
    case 'log':
      return event.log.executionId
    case 'trace':
      return event.trace.executionId
  }
}
