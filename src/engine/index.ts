/** The execution engine's public face: `createEngine`, its events and the pure helpers other areas reuse. */
export { durationMs, formatDuration } from './duration.ts'
export { createEngine, type Engine, type EngineOptions, type SubmitOptions } from './engine.ts'
export { registerFlowFile } from './flow-index.ts'
export { newId } from './ids.ts'
export { MASK } from './masker.ts'
export type { EngineEvent } from './messages.ts'
export type { ResolvedPlugin, RunContext, TaskLogger } from './run-context.ts'
export { isTerminal, worstState } from './states.ts'
