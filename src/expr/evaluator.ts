import { VerityError } from '../errors.ts'
import type { Arguments, Expression } from './ast.ts'
import { LocatedError } from './errors.ts'
import { FILTERS, type Filter } from './filters/index.ts'
import { FUNCTIONS } from './functions.ts'
import { applyBinary } from './operators.ts'
import type { Runtime } from './runtime.ts'
import { runTest } from './tests.ts'
import { getMember, isTruthy, MISSING, makeNumber, toText, unbox } from './values.ts'

/** Evaluates an expression; an undefined variable is an error. */
export async function evaluateStrict(node: Expression, runtime: Runtime): Promise<unknown> {
  const value = await evaluateLoose(node, runtime)
  if (value === MISSING) throw undefinedError(node)
  return value
}

function undefinedError(node: Expression): LocatedError {
  let root = node
  while (root.kind === 'member') root = root.object
  return new LocatedError(`Undefined variable '${pathOf(node)}'`, root.offset)
}

/** The variable path an expression reads (`inputs.nr`, `outputs['a'].b`), for messages. */
function pathOf(node: Expression): string {
  if (node.kind === 'variable') return node.name
  if (node.kind === 'member') {
    const property = node.property
    if (!node.computed) return `${pathOf(node.object)}.${String((property as { value: unknown }).value)}`
    return `${pathOf(node.object)}[${property.kind === 'literal' ? JSON.stringify(property.value) : '…'}]`
  }
  if (node.kind === 'call') return `${node.name}()`
  if (node.kind === 'literal') return JSON.stringify(node.value)
  return '(…)'
}

/** Evaluates an expression, returning MISSING for an undefined variable rather than failing. */
export async function evaluateLoose(node: Expression, runtime: Runtime): Promise<unknown> {
  switch (node.kind) {
    case 'literal':
      return node.isFloat ? makeNumber(node.value as number, true) : node.value
    case 'variable':
      return lookupVariable(node.name, runtime)
    case 'member': {
      const target = await evaluateLoose(node.object, runtime)
      if (target === MISSING || target === null) return MISSING
      return getMember(target, await evaluateStrict(node.property, runtime))
    }
    case 'list':
      return Promise.all(node.items.map(async (item) => unbox(await evaluateStrict(item, runtime))))
    case 'map':
      return evaluateMap(node, runtime)
    case 'unary':
      return evaluateUnary(node, runtime)
    case 'binary':
      return evaluateBinary(node, runtime)
    case 'ternary':
      return evaluateLoose(
        isTruthy(await evaluateStrict(node.condition, runtime)) ? node.then : node.otherwise,
        runtime,
      )
    case 'test': {
      const input =
        node.name === 'defined'
          ? await evaluateLoose(node.input, runtime)
          : await evaluateStrict(node.input, runtime)
      return locate(node.offset, `Test '${node.name}'`, () => runTest(node.name, input) !== node.negated)
    }
    case 'filter':
      return evaluateFilter(node, runtime)
    case 'call':
      return evaluateCall(node, runtime)
  }
}

function lookupVariable(name: string, runtime: Runtime): unknown {
  for (let index = runtime.scopes.length - 1; index >= 0; index--) {
    const scope = runtime.scopes[index]
    if (scope.has(name)) return scope.get(name)
  }
  return getMember(runtime.variables, name)
}

async function evaluateMap(node: Extract<Expression, { kind: 'map' }>, runtime: Runtime) {
  const result: Record<string, unknown> = {}
  for (const entry of node.entries) {
    const key = toText(await evaluateStrict(entry.key, runtime))
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
      throw new LocatedError(`Map key '${key}' is not allowed`, entry.key.offset)
    }
    result[key] = unbox(await evaluateStrict(entry.value, runtime))
  }
  return result
}

async function evaluateUnary(node: Extract<Expression, { kind: 'unary' }>, runtime: Runtime) {
  const operand = await evaluateStrict(node.operand, runtime)
  if (node.operator === 'not') return !isTruthy(operand)
  const negate = node.operator === '-'
  return locate(node.offset, `Unary '${node.operator}'`, () => applyBinary(negate ? '-' : '+', 0, operand, 0))
}

async function evaluateBinary(node: Extract<Expression, { kind: 'binary' }>, runtime: Runtime) {
  switch (node.operator) {
    case 'and':
      return (
        isTruthy(await evaluateStrict(node.left, runtime)) &&
        isTruthy(await evaluateStrict(node.right, runtime))
      )
    case 'or':
      return (
        isTruthy(await evaluateStrict(node.left, runtime)) ||
        isTruthy(await evaluateStrict(node.right, runtime))
      )
    case '??': {
      const left = await evaluateLoose(node.left, runtime)
      return left === MISSING || left === null ? evaluateLoose(node.right, runtime) : left
    }
    case '???': {
      const left = await evaluateLoose(node.left, runtime)
      return left === MISSING ? evaluateLoose(node.right, runtime) : left
    }
  }
  const left = await evaluateStrict(node.left, runtime)
  const right = await evaluateStrict(node.right, runtime)
  const result = locate(node.offset, `Operator '${node.operator}'`, () =>
    applyBinary(node.operator, left, right, runtime.limits.maxRangeSize),
  )
  return checkSize(result, runtime, node.offset)
}

async function evaluateArguments(args: Arguments, runtime: Runtime) {
  const positional = await Promise.all(
    args.positional.map(async (arg) => unbox(await evaluateStrict(arg, runtime))),
  )
  const named: Record<string, unknown> = {}
  for (const arg of args.named) named[arg.name] = unbox(await evaluateStrict(arg.value, runtime))
  return { positional, named }
}

async function evaluateFilter(node: Extract<Expression, { kind: 'filter' }>, runtime: Runtime) {
  const filter: Filter = FILTERS[node.name]
  // `default` is the one filter that accepts an undefined input.
  const input =
    node.name === 'default'
      ? await evaluateLoose(node.input, runtime)
      : await evaluateStrict(node.input, runtime)
  const args = await evaluateArguments(node.args, runtime)
  const result = await locateAsync(node.offset, `Filter '${node.name}'`, () =>
    filter(input === MISSING ? null : unbox(input), args.positional, args.named, runtime),
  )
  return checkSize(result, runtime, node.offset)
}

async function evaluateCall(node: Extract<Expression, { kind: 'call' }>, runtime: Runtime) {
  const args = await evaluateArguments(node.args, runtime)
  if (Object.hasOwn(FUNCTIONS, node.name)) {
    const builtin = FUNCTIONS[node.name]
    const result = await locateAsync(node.offset, `Function '${node.name}'`, () =>
      builtin(args.positional, args.named, runtime),
    )
    return checkSize(result, runtime, node.offset)
  }
  if (Object.hasOwn(runtime.functions, node.name)) {
    const host = runtime.functions[node.name]
    // A host answering `undefined` means "no value": treat it as null so `??` and `default` apply.
    const result = await locateAsync(node.offset, `Function '${node.name}'`, async () =>
      host(args.positional, args.named),
    )
    return result === undefined ? null : result
  }
  const hint =
    node.name === 'kv' || node.name === 'secret' ? ': it is provided by the engine when a flow runs' : ''
  throw new LocatedError(`Unknown function '${node.name}'${hint}`, node.offset)
}

/** Errors thrown by operators and built-ins carry no position (-1): give them the node's, with its name. */
function relocate(error: unknown, offset: number, what: string): unknown {
  if (error instanceof LocatedError && error.offset === -1)
    return new LocatedError(`${what}: ${error.message}`, offset)
  if (error instanceof LocatedError || error instanceof VerityError) return error
  if (error instanceof Error) return new LocatedError(`${what} failed: ${error.message}`, offset)
  return new LocatedError(`${what} failed: ${String(error)}`, offset)
}

function locate<T>(offset: number, what: string, action: () => T): T {
  try {
    return action()
  } catch (error) {
    throw relocate(error, offset, what)
  }
}

async function locateAsync<T>(offset: number, what: string, action: () => T | Promise<T>): Promise<T> {
  try {
    return await action()
  } catch (error) {
    throw relocate(error, offset, what)
  }
}

function checkSize(value: unknown, runtime: Runtime, offset: number): unknown {
  const { maxStringLength, maxListLength } = runtime.limits
  if (typeof value === 'string' && value.length > maxStringLength) {
    throw new LocatedError(
      `String of ${value.length} characters exceeds the limit of ${maxStringLength}`,
      offset,
    )
  }
  if (Array.isArray(value) && value.length > maxListLength) {
    throw new LocatedError(`List of ${value.length} items exceeds the limit of ${maxListLength}`, offset)
  }
  return value
}
