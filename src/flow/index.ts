/**
 * The flow language: Kestra-syntax YAML → validated `Flow` with source positions, pluginDefaults, inputs, the
 * worker's schema coercion and the JSON Schema for editors. Other areas import from here only.
 */
export { closestMatches, didYouMean } from './closest.ts'
export { coerceToSchema, parseTaskProps } from './coerce.ts'
export { isDuration, parseDuration } from './duration.ts'
export { type Coerced, coerceInputValue } from './inputs/coerce.ts'
export { InputError, type InputIssue, MAX_INPUTS_BYTES, resolveInputs } from './inputs/resolve.ts'
export { INPUT_TYPES } from './inputs/schema.ts'
export { FlowValidationError, formatIssue, type ValidationIssue } from './issues.ts'
export { flowJsonSchema, type JsonSchema } from './json-schema.ts'
export { pluginDefaultSchema, taskCommonSchema } from './language-schema.ts'
export { type ParseFlowOptions, parseFlow, validateFlowSource } from './parse.ts'
export {
  applyPluginDefaults,
  applyPluginDefaultsDeep,
  matchesTypePrefix,
  orderPluginDefaults,
} from './plugin-defaults.ts'
export { formatPath, type ParsedYaml, type PathSegment, parseYaml, SourceMap } from './source-map.ts'
export type * from './types.ts'
export { type WalkedTask, walkTasks } from './walk.ts'
export { issuesFromZod } from './zod-issues.ts'
