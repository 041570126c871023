import type { z } from 'zod'
import type { FlowableTaskPlugin, Plugin } from '../plugins/define.ts'
import type { PluginRegistry } from '../plugins/registry.ts'
import { didYouMean } from './closest.ts'
import type { ValidationIssue } from './issues.ts'
import { taskCommonSchema, triggerCommonSchema } from './language-schema.ts'
import { isPlainObject } from './plugin-defaults.ts'
import type { PathSegment, SourceMap } from './source-map.ts'
import type { SourcePosition } from './types.ts'
import { describeValue, issuesFromZod } from './zod-issues.ts'
import { componentCategoryOf, objectShape, schemaAt } from './zod-walk.ts'

/** A fully-qualified plugin type name (`io.kestra.plugin.ai.provider.OpenAI`), as opposed to plain data. */
const PLUGIN_TYPE_NAME = /^[a-z][\w-]*(\.[\w-]+)+\.[A-Z]\w*$/

/**
 * Validates tasks, triggers and nested component objects of one flow against the plugin registry, collecting every
 * issue. Holds the state that spans the whole flow (task ids seen, for duplicates).
 */
export class PluginValidator {
  readonly issues: ValidationIssue[] = []
  readonly #registry: PluginRegistry
  readonly #sourceMap: SourceMap
  readonly #taskIds = new Map<string, SourcePosition>()

  constructor(registry: PluginRegistry, sourceMap: SourceMap) {
    this.#registry = registry
    this.#sourceMap = sourceMap
  }

  #report(message: string, path: readonly PathSegment[], options: { key?: boolean } = {}): void {
    this.issues.push({ message, position: this.#sourceMap.positionOf(path, options) })
  }

  #namesOf(accept: (plugin: Plugin) => boolean): string[] {
    return this.#registry.names().filter((name) => accept(this.#registry.get(name)!))
  }

  /** A list of tasks (`tasks`, `errors`, `finally`, a flowable's branch). */
  taskList(value: unknown, path: PathSegment[], options: { required?: boolean } = {}): void {
    if (value === undefined) {
      if (options.required) this.#report(`missing required property '${String(path.at(-1))}'`, path)
      return
    }
    if (!Array.isArray(value)) {
      this.#report(`expected a list of tasks, got ${describeValue(value)}`, path)
      return
    }
    if (value.length === 0 && options.required) this.#report('needs at least one task', path)
    for (const [index, task] of value.entries()) this.task(task, [...path, index])
  }

  task(task: unknown, path: PathSegment[]): void {
    if (!isPlainObject(task)) {
      this.#report(`expected a task (a map with id and type), got ${describeValue(task)}`, path)
      return
    }
    if (typeof task.id === 'string') this.#checkDuplicateId(task.id, [...path, 'id'])
    const plugin = this.#checkType(task, path, 'task', (candidate) => candidate.kind !== 'component')
    this.#checkProps(task, path, taskCommonSchema, plugin)
    if (plugin?.kind === 'flowable') this.#childLists(task, path, plugin)
  }

  trigger(trigger: unknown, path: PathSegment[]): void {
    if (!isPlainObject(trigger)) {
      this.#report(`expected a trigger (a map with id and type), got ${describeValue(trigger)}`, path)
      return
    }
    const isTrigger = (candidate: Plugin) =>
      candidate.kind === 'component' && candidate.category === 'trigger'
    const plugin = this.#checkType(trigger, path, 'trigger', isTrigger)
    this.#checkProps(trigger, path, triggerCommonSchema, plugin)
  }

  #checkDuplicateId(id: string, path: PathSegment[]): void {
    const position = this.#sourceMap.positionOf(path)
    const first = this.#taskIds.get(id)
    if (first) {
      this.issues.push({
        message: `duplicate task id '${id}': also defined at ${first.file}:${first.line}:${first.column} (${first.path})`,
        position,
      })
    } else this.#taskIds.set(id, position)
  }

  #checkType(
    object: Record<string, unknown>,
    path: PathSegment[],
    what: string,
    accept: (plugin: Plugin) => boolean,
  ): Plugin | undefined {
    const type = object.type
    if (type === undefined) {
      this.#report(`missing required property 'type'`, path)
      return undefined
    }
    // A non-string type is reported by the common schema.
    if (typeof type !== 'string') return undefined
    const plugin = this.#registry.get(type)
    if (plugin && accept(plugin)) return plugin
    const kind = plugin ? ` (it is a ${plugin.kind === 'component' ? plugin.category : 'task'})` : ''
    this.#report(`unknown ${what} type '${type}'${kind}${didYouMean(type, this.#namesOf(accept))}`, [
      ...path,
      'type',
    ])
    return undefined
  }

  /** Common props, then the plugin's own (lenient to templates), unknown keys, nested components. */
  #checkProps(
    object: Record<string, unknown>,
    path: PathSegment[],
    common: z.ZodObject | undefined,
    plugin: Plugin | undefined,
  ): void {
    const base = {
      value: object,
      base: path,
      sourceMap: this.#sourceMap,
      lenient: true,
      literalKeys: ['id', 'type'],
    }
    if (common) {
      const parsed = common.safeParse(object)
      if (!parsed.success) this.issues.push(...issuesFromZod(parsed.error, { ...base, schema: common }))
    }
    if (!plugin) return
    const listKeys = plugin.kind === 'flowable' ? Object.keys(plugin.taskLists) : []
    const parsed = plugin.props.safeParse(object)
    if (!parsed.success) {
      // Root-level unknown keys are reported below with the common keys known; children of task lists by the walk.
      const kept = parsed.error.issues.filter(
        (issue) =>
          !(issue.code === 'unrecognized_keys' && issue.path.length === 0) &&
          !(issue.path.length > 1 && listKeys.includes(String(issue.path[0]))),
      )
      const error = { issues: kept } as z.ZodError
      this.issues.push(...issuesFromZod(error, { ...base, schema: plugin.props }))
    }
    const commonKeys = common ? Object.keys(common.shape) : ['type']
    const shape = objectShape(plugin.props)
    const known = [...new Set([...commonKeys, ...Object.keys(shape?.shape ?? {}), ...listKeys])]
    for (const [key, value] of Object.entries(object)) {
      if (!known.includes(key) && shape && !shape.open) {
        this.#report(`unknown property '${key}'${didYouMean(key, known)}`, [...path, key], { key: true })
      }
      if (!commonKeys.includes(key) && !listKeys.includes(key)) {
        this.#components(value, [...path, key], shape?.shape[key])
      }
    }
  }

  #childLists(task: Record<string, unknown>, path: PathSegment[], plugin: FlowableTaskPlugin): void {
    for (const [key, kind] of Object.entries(plugin.taskLists)) {
      const value = task[key]
      if (kind === 'list') this.taskList(value, [...path, key])
      else if (isPlainObject(value)) {
        for (const [branch, tasks] of Object.entries(value)) this.taskList(tasks, [...path, key, branch])
      } else if (value !== undefined) {
        this.#report(`expected a map of task lists, got ${describeValue(value)}`, [...path, key])
      }
    }
  }

  /**
   * Finds typed objects nested in a plugin's props (provider, tools[], memory…) and validates each against its
   * component. `schema` (the plugin's schema at this place, when known) tells which category a `componentRef` slot
   * expects; elsewhere a value that looks like a plugin type name but is not registered is reported.
   */
  #components(value: unknown, path: PathSegment[], schema: z.ZodType | undefined): void {
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) {
        this.#components(item, [...path, index], schema && schemaAt(schema, [index]))
      }
      return
    }
    if (!isPlainObject(value)) return
    const category = schema && componentCategoryOf(schema)
    const type = value.type
    if (typeof type === 'string') {
      const plugin = this.#registry.get(type)
      if (plugin?.kind === 'component') {
        if (category && plugin.category !== category) {
          this.#report(`'${type}' is a ${plugin.category}, not a ${category}`, [...path, 'type'])
        } else this.#checkProps(value, path, undefined, plugin)
        return
      }
      if (category || (!plugin && PLUGIN_TYPE_NAME.test(type))) {
        const accept = (candidate: Plugin) =>
          candidate.kind === 'component' && (!category || candidate.category === category)
        this.#report(
          `unknown ${category ?? 'plugin'} type '${type}'${didYouMean(type, this.#namesOf(accept))}`,
          [...path, 'type'],
        )
        return
      }
    }
    for (const [key, child] of Object.entries(value)) {
      this.#components(child, [...path, key], schema && schemaAt(schema, [key]))
    }
  }
}
