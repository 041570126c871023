/**
 * `verity validate FILE…`: checks flow files against the language and the installed plugins, with the global
 * configuration's pluginDefaults applied, and prints every problem as `file:line:column: message (at path)`.
 * Exit code 0 when every file is valid, 2 otherwise.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { Command } from 'commander'
import { loadConfig } from '../../config/index.ts'
import { FlowValidationError, formatIssue, parseFlow, type ValidationIssue } from '../../flow/index.ts'
import { createDefaultRegistry } from '../../plugins/index.ts'

/** One file's result (also the `--json` shape). */
interface FileResult {
  file: string
  valid: boolean
  flow?: { namespace: string; id: string }
  issues: ValidationIssue[]
}

/** Files as given; a directory stands for every `.yaml`/`.yml` file under it, in name order. */
function expand(paths: string[]): string[] {
  return paths.flatMap((path) => {
    const isDirectory = statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false
    if (!isDirectory) return [path]
    return readdirSync(path, { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map((name) => join(path, name))
  })
}

function check(file: string, options: Parameters<typeof parseFlow>[1]): FileResult {
  let source: string
  try {
    source = readFileSync(file, 'utf8')
  } catch (error) {
    const position = { file, line: 1, column: 1, path: '' }
    return { file, valid: false, issues: [{ message: `cannot read: ${(error as Error).message}`, position }] }
  }
  try {
    const flow = parseFlow(source, { ...options, file })
    return { file, valid: true, flow: { namespace: flow.namespace, id: flow.id }, issues: [] }
  } catch (error) {
    if (error instanceof FlowValidationError) return { file, valid: false, issues: error.issues }
    throw error
  }
}

export function validateCommand(): Command {
  return new Command('validate')
    .description(
      'Check flow files: syntax, types, properties, task ids and expressions, with every error located.',
    )
    .argument('<files...>', 'flow YAML files, or directories of them')
    .option('--json', 'print one JSON array of results instead of text')
    .addHelpText(
      'after',
      `
Examples:
  $ verity validate examples/calculator_agent.yaml
  $ verity validate flows/
  $ verity validate --json flow.yaml | jq '.[].issues'`,
    )
    .action((files: string[], options: { json?: boolean }, command: Command) => {
      const config = loadConfig({ path: command.optsWithGlobals().config })
      const registry = createDefaultRegistry()
      const results = expand(files).map((file) =>
        check(file, { file, registry, pluginDefaults: config.pluginDefaults }),
      )
      if (options.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`)
      else {
        for (const result of results) {
          if (result.valid)
            process.stdout.write(`✓ ${result.file} (flow ${result.flow!.namespace}.${result.flow!.id})\n`)
          else for (const issue of result.issues) process.stdout.write(`${formatIssue(issue)}\n`)
        }
        const invalid = results.filter((result) => !result.valid).length
        if (invalid > 0) process.stderr.write(`${invalid} of ${results.length} file(s) invalid\n`)
      }
      process.exitCode = results.every((result) => result.valid) ? 0 : 2
    })
}
