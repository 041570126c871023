/**
 * Runs jq programs off the main thread so a runaway program (`[range(1e9)]`, `repeat(.)`) can be stopped
 * by terminating this worker. Input objects are rebuilt without prototypes so `.constructor` finds nothing,
 * and results go back through JSON so only plain data leaves.
 */
import { parentPort } from 'node:worker_threads'
import jqTools from '@jq-tools/jq'

const MAX_RESULTS = 10_000
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

function run(program: string, input: unknown): unknown[] {
  let ast = programs.get(program)
  if (!ast) {
    ast = jqTools.parse(program)
    if (programs.size > 200) programs.clear()
    programs.set(program, ast)
  }
  const results: unknown[] = []
  for (const result of jqTools.evaluate(ast, [withoutPrototypes(input)])) {
    if (results.length >= MAX_RESULTS) throw new Error(`more than ${MAX_RESULTS} results`)
    results.push(result)
  }
  return JSON.parse(JSON.stringify(results) ?? '[]')
}

parentPort?.on('message', (message: { id: number; program: string; input: unknown }) => {
  try {
    parentPort?.postMessage({ id: message.id, results: run(message.program, message.input) })
  } catch (error) {
    // jq's parse errors span several lines (code and caret); the first names the problem.
    const text = error instanceof Error ? error.message.split('\n')[0] : String(error)
    parentPort?.postMessage({ id: message.id, error: text })
  }
})
