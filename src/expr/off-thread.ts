import { Worker } from 'node:worker_threads'
import { LocatedError } from '../errors.ts'
import { argument, requireString } from './arguments.ts'
import type { Filter } from './types.ts'

/**
 * The `jq` filter: `{{ outputs.api.body | jq('.items[] | .name') }}` returns the list of the program's
 * results (Kestra's behaviour; add `| first` for one value).
 *
 * Implemented with `@jq-tools/jq`, a pure-JavaScript jq interpreter from npm (no native or wasm code).
 * It covers jq's core language and the common builtins; modules, most `@formats` and some builtins are
 * not implemented, and those report an error naming the missing feature. Programs run in a worker thread
 * stopped after `limits.jqTimeoutMs`, so a runaway program cannot stall the process.
 */
export const jq: Filter = (input, args, named, runtime) => {
  const program = requireString(argument(args, named, 0, 'expression'), 'expression')
  return runJq(program, input, runtime.limits.jqTimeoutMs)
}

interface Pending {
  resolve(results: unknown[]): void
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
  const created = new Worker(new URL('./jq-worker.ts', import.meta.url), {
    resourceLimits: { maxOldGenerationSizeMb: 256 },
  })
  created.on('message', (message: { id: number; results?: unknown[]; error?: string }) => {
    const job = settle(message.id)
    if (!job) return
    if (message.error === undefined) job.resolve(message.results ?? [])
    else job.reject(new LocatedError(message.error, -1))
  })
  created.on('error', (error) => {
    if (worker === created) stopWorker(`jq failed: ${error.message}`)
  })
  created.on('exit', () => {
    if (worker === created) stopWorker('jq stopped unexpectedly')
  })
  created.unref()
  return created
}

function runJq(program: string, input: unknown, timeoutMs: number): Promise<unknown[]> {
  worker ??= startWorker()
  const current = worker
  const id = ++nextId
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      if (worker === current) stopWorker(`jq program took longer than ${timeoutMs} ms`)
    }, timeoutMs)
    pending.set(id, { resolve, reject, timer })
    current.ref()
    current.postMessage({ id, program, input })
  })
}
