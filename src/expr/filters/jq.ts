import { runOffThread } from '../off-thread.ts'
import { argument, requireString } from './arguments.ts'
import type { Filter } from './types.ts'

/**
 * The `jq` filter: `{{ outputs.api.body | jq('.items[] | .name') }}` returns the list of the program's
 * results (Kestra's behaviour; add `| first` for one value).
 *
 * Implemented with `@jq-tools/jq`, a pure-JavaScript jq interpreter from npm (no native or wasm code).
 * It covers jq's core language and the common builtins; modules, most `@formats` and some builtins are
 * not implemented, and those report an error naming the missing feature. Programs run in a worker thread
 * stopped after `limits.programTimeoutMs`, so a runaway program cannot stall the process.
 */
export const jq: Filter = (input, args, named, runtime) => {
  const program = requireString(argument(args, named, 0, 'expression'), 'expression')
  return runOffThread({ kind: 'jq', program, input }, runtime.limits.programTimeoutMs, 'jq program')
}
