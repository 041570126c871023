import { z } from 'zod'
import type { RunContext } from '../engine/run-context.ts'
import type { TaskDefinition } from '../flow/types.ts'

/**
 * The plugin API. A plugin is one file: its zod schema (validation and documentation at once; it feeds the JSON
 * Schema editors use), its outputs type, and what it does. Registered under its Kestra type name.
 *
 * `props` describes the **rendered** shape. Authoring is looser: the flow validator accepts a template string
 * (containing `{{` or `{%`) wherever a non-string scalar is expected, and the worker, after rendering, parses the
 * props with this schema, coercing numeric/boolean strings where the schema wants numbers/booleans (as Kestra's
 * `Property<T>` does). Common task properties (id, type, retry, timeout, runIf…) are the engine's; never repeat them.
 */
export interface PluginDoc {
  /** Kestra type name, e.g. `io.kestra.plugin.core.log.Log`. */
  type: string
  /** Other names it answers to (older Kestra names, short forms). */
  aliases?: string[]
  /** One line. */
  title: string
  /** Markdown. */
  description?: string
  examples?: { title: string; code: string }[]
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds plugins of every shape
type AnySchema = z.ZodType<any, any>

/** A task that does work in a worker. */
export interface RunnableTaskPlugin<P extends AnySchema = AnySchema, O = unknown> extends PluginDoc {
  kind: 'runnable'
  props: P
  outputs?: z.ZodType<O>
  /** Properties the worker leaves unrendered (the plugin renders them itself, e.g. per item). */
  rawProps?: string[]
  run(ctx: RunContext, props: z.output<P>): Promise<O>
}

/** A child list as a flowable task plans it: tasks run in order inside a group. */
export interface TaskGroup {
  /** Which list of the parent: `tasks`, `then`, `else`, `cases.X`, `defaults`… */
  branch: string
  /** Kestra's `taskrun.value` for the group (ForEach item, Switch value). */
  value?: string
  tasks: TaskDefinition[]
}

export interface FlowablePlan {
  groups: TaskGroup[]
  /** How many groups run at once; 0 means all at once. Sequential/If/Switch use 1. */
  concurrency: number
  /** Outputs of the flowable task itself (e.g. If's evaluated condition). */
  outputs?: Record<string, unknown>
}

/**
 * A task that only tells the executor what to run next (Sequential, Parallel, If, Switch, ForEach). It never runs
 * children itself. `plan` is called once per task run; its decision is recorded so a restart cannot change it.
 * The flowable's final state is the worst state of its children, and its own `errors`/`finally` lists (if it
 * declares them in `taskLists`) run like the flow's.
 */
export interface FlowableTaskPlugin<P extends AnySchema = AnySchema> extends PluginDoc {
  kind: 'flowable'
  props: P
  /** Properties holding child tasks: `list` = TaskDefinition[], `map` = Record<string, TaskDefinition[]>. */
  taskLists: Record<string, 'list' | 'map'>
  /** Properties left unrendered besides the task lists. */
  rawProps?: string[]
  plan(ctx: RunContext, props: z.output<P>): Promise<FlowablePlan>
}

/**
 * A typed object nested inside a task or flow: an AI provider, a tool, a memory, a trigger. `category` says where
 * it may appear; `implementation` is whatever the consuming plugin family needs (e.g. a provider factory).
 */
export interface ComponentPlugin<P extends AnySchema = AnySchema, I = unknown> extends PluginDoc {
  kind: 'component'
  category: 'provider' | 'tool' | 'memory' | 'trigger' | 'condition'
  props: P
  implementation: I
}

export type TaskPlugin = RunnableTaskPlugin | FlowableTaskPlugin
export type Plugin = TaskPlugin | ComponentPlugin

/** Identity helpers that keep the props type flowing into `run` / `plan`. */
export function defineRunnableTask<P extends AnySchema, O>(
  plugin: Omit<RunnableTaskPlugin<P, O>, 'kind'>,
): RunnableTaskPlugin<P, O> {
  return { kind: 'runnable', ...plugin }
}

export function defineFlowableTask<P extends AnySchema>(
  plugin: Omit<FlowableTaskPlugin<P>, 'kind'>,
): FlowableTaskPlugin<P> {
  return { kind: 'flowable', ...plugin }
}

export function defineComponent<P extends AnySchema, I>(
  plugin: Omit<ComponentPlugin<P, I>, 'kind'>,
): ComponentPlugin<P, I> {
  return { kind: 'component', ...plugin }
}

/**
 * Schema of a property holding a nested typed object of `category` (an AI agent's `provider`, `tools[]` items,
 * `memory`): `{ type, …props }`. The flow validator checks such an object against the component registered under
 * its `type` (pluginDefaults applied first), and `verity schema` offers the registered components of the category.
 * @example props: z.object({ provider: componentRef('provider', 'The LLM provider.') })
 */
export function componentRef(category: ComponentPlugin['category'], description?: string) {
  return z
    .looseObject({ type: z.string().describe(`Type of the ${category}.`) })
    .meta({ verityComponent: category, ...(description === undefined ? {} : { description }) })
}
