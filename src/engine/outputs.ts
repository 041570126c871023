/**
 * The `outputs` map of the expression context, Kestra's way: `outputs.<taskId>.<prop>` for a plain task run,
 * `outputs.<taskId>[<value>].<prop>` inside a ForEach, `outputs.<taskId>[<outer>][<inner>].<prop>` when nested.
 * Maps are created without a prototype so a value such as `__proto__` stays an ordinary key.
 */
export function recordOutputs(
  map: Record<string, unknown>,
  taskId: string,
  valuePath: readonly string[],
  outputs: Record<string, unknown>,
): void {
  if (valuePath.length === 0) {
    map[taskId] = outputs
    return
  }
  let node = child(map, taskId)
  for (let index = 0; index < valuePath.length - 1; index++) node = child(node, valuePath[index])
  node[valuePath[valuePath.length - 1]] = outputs
}

function child(node: Record<string, unknown>, key: string): Record<string, unknown> {
  const existing = Object.hasOwn(node, key) ? node[key] : undefined
  if (existing !== null && typeof existing === 'object' && !Array.isArray(existing)) {
    return existing as Record<string, unknown>
  }
  const created: Record<string, unknown> = Object.create(null)
  node[key] = created
  return created
}
