import type { LanguageModel, ModelMessage, ToolSet } from 'ai'
import type { RunContext } from '../../engine/run-context.ts'

/**
 * The contracts between the AI task plugins (AIAgent, ChatCompletion…) and the components nested in them
 * (providers, tools, memories). Each component is a `defineComponent` plugin whose `implementation` is one of
 * these interfaces; the agent runner reaches it through `ctx.resolvePlugin`.
 */

/** What a provider component implements: turn its validated props into an AI SDK language model. */
export interface ProviderImplementation<P = unknown> {
  /** Vendor name used in error messages and traces, e.g. `Google Gemini`. */
  vendor: string
  createModel(props: P): LanguageModel
  /** Secret values among the props (API keys) to mask everywhere. */
  secrets(props: P): string[]
  /** Model name for traces. */
  modelName(props: P): string
}

/** What the agent runner gives a tool while building it. */
export interface ToolServices {
  readonly ctx: RunContext
  /** Where the tool is in its task, e.g. `tools[0]` (nested agents' tools resolve under it). */
  readonly path: string
  /** How messages name the tool: task id and path, e.g. `agent.tools[0]`. */
  readonly label: string
  /** Declares a file stored with `ctx.putFile` as an output file of the agent task (`outputFiles.<name>`). */
  addOutputFile(name: string, uri: string): void
  /**
   * Ends the whole agent run with `error` (returned, to be thrown) instead of handing it to the model: for failures
   * the model cannot fix, such as a rejected API key or an unavailable sandbox.
   */
  fatal(error: Error): Error
}

/** Tools built by one tool component, plus what to release once the agent is done (MCP connections). */
export interface ToolBundle {
  tools: ToolSet
  close?(): Promise<void>
}

/** What a tool component implements. */
export interface ToolImplementation<P = unknown> {
  createTools(services: ToolServices, props: P): Promise<ToolBundle>
}

/** A conversation memory for one task run: loaded before the LLM call, saved after it. */
export interface ConversationMemory {
  /** Messages of earlier runs (system messages excluded), oldest first. */
  messages: ModelMessage[]
  /** Stores the conversation after this run (earlier messages plus this run's). */
  save(messages: ModelMessage[]): Promise<void>
}

/** What a memory component implements. */
export interface MemoryImplementation<P = unknown> {
  open(ctx: RunContext, props: P): Promise<ConversationMemory>
}
