/**
 * `verity schema`: the JSON Schema (draft-07) of the flow language with every installed plugin, for editors
 * (VS Code's YAML extension, monaco-yaml).
 */
import { writeFileSync } from 'node:fs'
import { Command } from 'commander'
import { flowJsonSchema } from '../../flow/index.ts'
import { createDefaultRegistry } from '../../plugins/index.ts'

export function schemaCommand(): Command {
  return new Command('schema')
    .description('Print the JSON Schema of flows (every installed task, trigger, provider, tool…).')
    .option('-o, --output <file>', 'write the schema to this file instead of stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ verity schema > flow.schema.json
  $ verity schema --output .vscode/verity-flow.schema.json
  Then, in VS Code settings: "yaml.schemas": { ".vscode/verity-flow.schema.json": "flows/*.yaml" }`,
    )
    .action((options: { output?: string }) => {
      const text = `${JSON.stringify(flowJsonSchema(createDefaultRegistry()), null, 2)}\n`
      if (options.output) {
        writeFileSync(options.output, text)
        process.stderr.write(`wrote ${options.output}\n`)
      } else process.stdout.write(text)
    })
}
