import { z } from 'zod'
import type { ComponentPlugin, Plugin } from '../plugins/define.ts'
import type { PluginRegistry } from '../plugins/registry.ts'
import { flowOutputSchema, inputDefinitionSchema } from './inputs/schema.ts'
import { flowHeadSchema, taskCommonSchema, triggerCommonSchema } from './language-schema.ts'

/** A JSON Schema node (draft-07). */
export type JsonSchema = Record<string, unknown>

const TEMPLATE_REF = { $ref: '#/definitions/template' }
const TASK_REF = { $ref: '#/definitions/task' }
const NON_STRING_TYPES = new Set(['number', 'integer', 'boolean', 'array', 'object'])
const CHILD_KEYS = ['items', 'additionalProperties', 'not'] as const
const CHILD_LISTS = ['anyOf', 'oneOf', 'allOf'] as const

/**
 * zod → draft-07 JSON Schema of what authors write; component slots become references to the registered ones.
 * Definitions zod emits for recursive schemas are moved into `hoisted` under `<owner>.<name>`, their references
 * (and `#`, the schema's own root) rewritten to match, so every plugin's schema can live in one document.
 */
function toJsonSchema(schema: z.ZodType, owner = 'flow', hoisted?: JsonSchema): JsonSchema {
  const json = z.toJSONSchema(schema, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
    override: ({ jsonSchema }) => {
      const category = jsonSchema.verityComponent
      if (typeof category !== 'string') return
      const description = jsonSchema.description
      for (const key of Object.keys(jsonSchema)) delete jsonSchema[key]
      Object.assign(jsonSchema, { $ref: `#/definitions/component.${category}` })
      if (description !== undefined) jsonSchema.description = description
    },
  }) as JsonSchema
  delete json.$schema
  const local = json.definitions as JsonSchema | undefined
  if (!local) return json
  delete json.definitions
  const rewrite = (text: string) =>
    text
      .replaceAll('"$ref":"#"', `"$ref":"#/definitions/${owner}"`)
      .replaceAll('"$ref":"#/definitions/', `"$ref":"#/definitions/${owner}.`)
  for (const [name, definition] of Object.entries(local)) {
    if (hoisted) hoisted[`${owner}.${name}`] = lenient(JSON.parse(rewrite(JSON.stringify(definition))))
  }
  return JSON.parse(rewrite(JSON.stringify(json)))
}

/** Authoring leniency: a template string is accepted wherever a number, boolean, list or map is expected. */
function lenient(node: unknown): unknown {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return node
  const schema: JsonSchema = { ...(node as JsonSchema) }
  if (schema.properties) {
    schema.properties = Object.fromEntries(
      Object.entries(schema.properties as JsonSchema).map(([key, child]) => [key, lenient(child)]),
    )
  }
  for (const key of CHILD_KEYS) if (schema[key] !== undefined) schema[key] = lenient(schema[key])
  for (const key of CHILD_LISTS)
    if (Array.isArray(schema[key])) schema[key] = (schema[key] as unknown[]).map(lenient)
  const types = Array.isArray(schema.type) ? schema.type : [schema.type]
  const nonString = types.some((type) => NON_STRING_TYPES.has(type as string))
  const choice = schema.enum !== undefined || schema.const !== undefined
  if (!nonString && !choice && typeof schema.$ref !== 'string') return schema
  const { description, title, default: fallback, ...rest } = schema
  const wrapped: JsonSchema = { anyOf: [rest, TEMPLATE_REF] }
  if (title !== undefined) wrapped.title = title
  if (description !== undefined) wrapped.description = description
  if (fallback !== undefined) wrapped.default = fallback
  return wrapped
}

/** Title, description and, for editors that render Markdown on hover, the plugin's examples. */
function docOf(plugin: Plugin): JsonSchema {
  const text = [plugin.title, plugin.description].filter(Boolean).join('\n\n')
  const examples = (plugin.examples ?? []).map(
    (example) => `**${example.title}**\n\n\`\`\`yaml\n${example.code}\n\`\`\``,
  )
  return { title: plugin.title, description: text, markdownDescription: [text, ...examples].join('\n\n') }
}

/** One plugin's object schema: common props + its own (lenient), `type` fixed to its names, task lists as tasks. */
function pluginDefinition(plugin: Plugin, common: z.ZodObject | undefined, hoisted: JsonSchema): JsonSchema {
  const own = toJsonSchema(plugin.props, plugin.type, hoisted)
  const base = common ? toJsonSchema(common) : { properties: {}, required: [] }
  const properties: JsonSchema = {}
  for (const [key, child] of Object.entries({
    ...(base.properties as JsonSchema),
    ...(own.properties as JsonSchema),
  })) {
    properties[key] = key === 'id' || key === 'type' ? child : lenient(child)
  }
  if (plugin.kind === 'flowable') {
    for (const [key, kind] of Object.entries(plugin.taskLists)) {
      const list = { type: 'array', items: TASK_REF }
      properties[key] = kind === 'list' ? list : { type: 'object', additionalProperties: list }
    }
  }
  properties.type = { enum: [plugin.type, ...(plugin.aliases ?? [])], description: 'Plugin type.' }
  const required = [
    ...new Set(['type', ...((base.required as string[]) ?? []), ...((own.required as string[]) ?? [])]),
  ]
  const open = own.additionalProperties !== undefined && own.additionalProperties !== false
  return { ...docOf(plugin), type: 'object', properties, required, additionalProperties: open }
}

const oneOfRefs = (plugins: readonly Plugin[], fallback: JsonSchema): JsonSchema =>
  plugins.length === 0
    ? fallback
    : { oneOf: plugins.map((plugin) => ({ $ref: `#/definitions/${plugin.type}` })) }

/**
 * The whole flow language as a draft-07 JSON Schema, for editors (monaco-yaml, VS Code's YAML extension) and
 * `verity schema`. Tasks, triggers and nested components (providers, tools, memories…) are sets of alternatives
 * keyed by `type`, one definition per registered plugin, documented from the plugins' titles and zod descriptions.
 * A template string is accepted wherever the rendered value would be a number, boolean, list or map.
 */
export function flowJsonSchema(registry: PluginRegistry): JsonSchema {
  const plugins = registry.list()
  const tasks = plugins.filter((plugin) => plugin.kind !== 'component')
  const components = plugins.filter((plugin): plugin is ComponentPlugin => plugin.kind === 'component')
  const anyTyped = { type: 'object', required: ['type'], properties: { type: { type: 'string' } } }
  const definitions: JsonSchema = {
    template: { type: 'string', pattern: '\\{\\{|\\{%', description: 'A template, rendered at run time.' },
    task: oneOfRefs(tasks, anyTyped),
    trigger: oneOfRefs(
      components.filter((plugin) => plugin.category === 'trigger'),
      anyTyped,
    ),
  }
  for (const category of ['provider', 'tool', 'memory', 'trigger', 'condition'] as const) {
    definitions[`component.${category}`] = oneOfRefs(
      components.filter((plugin) => plugin.category === category),
      anyTyped,
    )
  }
  for (const plugin of tasks)
    definitions[plugin.type] = pluginDefinition(plugin, taskCommonSchema, definitions)
  for (const plugin of components) {
    const common = plugin.category === 'trigger' ? triggerCommonSchema : undefined
    definitions[plugin.type] = pluginDefinition(plugin, common, definitions)
  }
  const head = toJsonSchema(flowHeadSchema)
  const taskList = (minItems?: number) => ({
    type: 'array',
    items: TASK_REF,
    ...(minItems ? { minItems } : {}),
  })
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Verity flow',
    description: 'A Kestra-compatible flow: inputs, tasks, outputs.',
    type: 'object',
    properties: {
      ...(head.properties as JsonSchema),
      inputs: { type: 'array', items: toJsonSchema(inputDefinitionSchema), description: 'Typed inputs.' },
      outputs: {
        type: 'array',
        items: toJsonSchema(flowOutputSchema),
        description: 'Values the flow returns.',
      },
      tasks: { ...taskList(1), description: 'Tasks run in order.' },
      errors: { ...taskList(), description: 'Tasks run when the flow fails.' },
      finally: { ...taskList(), description: 'Tasks run at the end, whatever happened.' },
      triggers: {
        type: 'array',
        items: { $ref: '#/definitions/trigger' },
        description: 'What starts the flow.',
      },
    },
    required: ['id', 'namespace', 'tasks'],
    additionalProperties: false,
    definitions,
  }
}
