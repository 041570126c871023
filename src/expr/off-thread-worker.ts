/**
 * Runs user-supplied programs that could run away — jq programs (`[range(1e9)]`, `repeat(.)`) and regular
 * expressions (catastrophic backtracking) — off the main thread, so they can be stopped by terminating this
 * worker. jq input objects are rebuilt without prototypes so `.constructor` finds nothing, and results go
 * back through JSON so only plain data leaves.
 */
import { parentPort } from 'node:worker_threads'
import jqTools from '@jq-tools/jq'
import type { OffThreadTask } from './off-thread.ts'

const MAX_JQ_RESULTS = 10_000
const programs = new Map<string, ReturnType<typeof jqTools.parse>>()

function withoutPrototypes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPrototypes)
  if (typeof value === 'object' && value !== null) {
    const copy = Object.create(null)
    for (const [key, item] of Object.entries(value)) copy[key] = withoutPrototypes(item)
    return copy
  }
  return value
}

function runJq(program: string, input: unknown): unknown[] {
  let ast = programs.get(program)
  if (!ast) {
    ast = jqTools.parse(program)
    if (programs.size > 200) programs.clear()
    programs.set(program, ast)
  }
  const results: unknown[] = []
  for (const result of jqTools.evaluate(ast, [withoutPrototypes(input)])) {
    if (results.length >= MAX_JQ_RESULTS) throw new Error(`more than ${MAX_JQ_RESULTS} results`)
    results.push(result)
  }
  return JSON.parse(JSON.stringify(results) ?? '[]')
}

function run(task: OffThreadTask): unknown {
  if (task.kind === 'jq') return runJq(task.program, task.input)
  // Java's `$1` group references are the same syntax as JavaScript's.
  return task.text.replace(new RegExp(task.pattern, 'g'), task.replacement)
}

parentPort?.on('message', (message: { id: number; task: OffThreadTask }) => {
  try {
    parentPort?.postMessage({ id: message.id, result: run(message.task) })
  } catch (error) {
    // jq's parse errors span several lines (code and caret); the first names the problem.
    const text = error instanceof Error ? error.message.split('\n')[0] : String(error)
    parentPort?.postMessage({ id: message.id, error: text })
  }
})
