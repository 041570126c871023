import type { Expression, TemplateNode } from './ast.ts'
import { LocatedError } from './errors.ts'
import { evaluateStrict } from './evaluator.ts'
import type { Runtime } from './runtime.ts'
import { isMap, isTruthy, toText, typeName, unbox } from './values.ts'

/** Renders template nodes into `output` (an array of pieces, joined by the caller). */
export async function renderNodes(
  nodes: TemplateNode[],
  runtime: Runtime,
  output: { parts: string[]; length: number },
) {
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        append(output, node.text, runtime, node.offset)
        break
      case 'print':
        append(output, toText(await evaluateStrict(node.expression, runtime)), runtime, node.offset)
        break
      case 'set':
        assign(node.name, await evaluateStrict(node.value, runtime), runtime)
        break
      case 'if': {
        const branch = await findBranch(node.branches, runtime)
        await renderNodes(branch ?? node.otherwise, runtime, output)
        break
      }
      case 'for':
        await renderFor(node, runtime, output)
        break
    }
  }
}

/** Pebble's `set`: updates the variable where a scope already has it (so loops can accumulate), else defines it here. */
function assign(name: string, value: unknown, runtime: Runtime): void {
  const owner =
    runtime.scopes.findLast((scope) => scope.has(name)) ?? runtime.scopes[runtime.scopes.length - 1]
  owner.set(name, value)
}

async function findBranch(branches: { condition: Expression; body: TemplateNode[] }[], runtime: Runtime) {
  for (const branch of branches) {
    if (isTruthy(await evaluateStrict(branch.condition, runtime))) return branch.body
  }
  return undefined
}

function append(output: { parts: string[]; length: number }, text: string, runtime: Runtime, offset: number) {
  output.length += text.length
  if (output.length > runtime.limits.maxOutputLength) {
    throw new LocatedError(`Output exceeds the limit of ${runtime.limits.maxOutputLength} characters`, offset)
  }
  output.parts.push(text)
}

async function renderFor(
  node: Extract<TemplateNode, { kind: 'for' }>,
  runtime: Runtime,
  output: { parts: string[]; length: number },
) {
  const iterable = unbox(await evaluateStrict(node.iterable, runtime))
  let items: [unknown, unknown][]
  if (Array.isArray(iterable)) items = iterable.map((item, index) => [index, item])
  else if (isMap(iterable)) items = Object.entries(iterable)
  else if (iterable === null) items = []
  else throw new LocatedError(`Cannot loop over ${typeName(iterable)}`, node.iterable.offset)
  if (items.length === 0) {
    await renderNodes(node.otherwise, runtime, output)
    return
  }
  const scope = new Map<string, unknown>()
  runtime.scopes.push(scope)
  try {
    for (let index = 0; index < items.length; index++) {
      if (++runtime.counters.iterations > runtime.limits.maxLoopIterations) {
        throw new LocatedError(
          `Loops exceed the limit of ${runtime.limits.maxLoopIterations} iterations`,
          node.offset,
        )
      }
      const [key, value] = items[index]
      if (node.keyName !== undefined) {
        scope.set(node.keyName, key)
        scope.set(node.valueName, value)
      } else {
        scope.set(node.valueName, isMap(iterable) ? { key, value } : value)
      }
      const length = items.length
      scope.set('loop', {
        index,
        length,
        first: index === 0,
        last: index === length - 1,
        revindex: length - index - 1,
      })
      await renderNodes(node.body, runtime, output)
    }
  } finally {
    runtime.scopes.pop()
  }
}
