import { Worker } from 'node:worker_threads'
import { LocatedError } from './errors.ts'

/** Work that runs in the worker: a jq program, or a regular-expression replacement. */
export type OffThreadTask =
  | { kind: 'jq'; program: string; input: unknown }
  | { kind: 'regexReplace'; text: string; pattern: string; replacement: string }

interface Pending {
  resolve(result: unknown): void
  reject(error: unknown): void
  timer: NodeJS.Timeout
}

let worker: Worker | undefined
let nextId = 0
const pending = new Map<number, Pending>()

function settle(id: number): Pending | undefined {
  const job = pending.get(id)
  if (!job) return undefined
  pending.delete(id)
  clearTimeout(job.timer)
  // An idle worker must not keep the process alive.
  if (pending.size === 0) worker?.unref()
  return job
}

function stopWorker(reason: string): void {
  const stopped = worker
  worker = undefined
  for (const id of [...pending.keys()]) {
    settle(id)?.reject(new LocatedError(reason, -1))
  }
  void stopped?.terminate()
}

function startWorker(): Worker {
  const created = new Worker(new URL('./off-thread-worker.ts', import.meta.url), {
    resourceLimits: { maxOldGenerationSizeMb: 256 },
  })
  created.on('message', (message: { id: number; result?: unknown; error?: string }) => {
    const job = settle(message.id)
    if (!job) return
    if (message.error === undefined) job.resolve(message.result)
    else job.reject(new LocatedError(message.error, -1))
  })
  created.on('error', (error) => {
    if (worker === created) stopWorker(`worker failed: ${error.message}`)
  })
  created.on('exit', () => {
    if (worker === created) stopWorker('worker stopped unexpectedly')
  })
  created.unref()
  return created
}

/**
 * Runs a task in the shared worker thread; after `timeoutMs` the worker is terminated (failing every task
 * in flight) and the next task starts a fresh one. An idle worker does not keep the process alive.
 */
export function runOffThread(task: OffThreadTask, timeoutMs: number, what: string): Promise<unknown> {
  worker ??= startWorker()
  const current = worker
  const id = ++nextId
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      if (worker === current) stopWorker(`${what} took longer than ${timeoutMs} ms`)
    }, timeoutMs)
    pending.set(id, { resolve, reject, timer })
    current.ref()
    current.postMessage({ id, task })
  })
}
