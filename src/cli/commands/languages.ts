/**
 * `verity languages`: the languages the sandbox offers on this machine, with detected versions and the Judge0
 * ids each answers to. `--all` adds the registry's languages whose toolchain is missing; `--json` is for scripts.
 */
import { Command } from 'commander'
import { allLanguages, displayName, listLanguages } from '../../sandbox/languages/index.ts'
import type { LanguageDefinition } from '../../sandbox/types.ts'

/** One row of the listing (also the `--json` shape). */
interface LanguageRow {
  id: string
  name: string
  /** Judge0-style name with the version, e.g. `C (GCC 12.2.0)`. */
  displayName: string
  version: string | null
  judge0Ids: number[]
  set: 'core' | 'extended'
  installed: boolean
  debianPackages: string[]
}

function toRow(language: LanguageDefinition, installed: LanguageDefinition | undefined): LanguageRow {
  return {
    id: language.id,
    name: language.name,
    displayName: displayName(installed ?? language),
    version: installed?.version ?? null,
    judge0Ids: language.judge0Ids,
    set: language.set,
    installed: installed !== undefined,
    debianPackages: language.debianPackages,
  }
}

function formatTable(rows: LanguageRow[]): string {
  const header = ['', 'ID', 'NAME', 'VERSION', 'JUDGE0 IDS', 'SET']
  const cells = rows.map((row) => [
    row.installed ? '✓' : '✗',
    row.id,
    row.name,
    row.version ?? (row.installed ? '?' : '-'),
    row.judge0Ids.join(','),
    row.set,
  ])
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => line[column].length)),
  )
  return [header, ...cells]
    .map((line) =>
      line
        .map((cell, column) => cell.padEnd(widths[column]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

/** Builds the `languages` sub-command. */
export function languagesCommand(): Command {
  return new Command('languages')
    .description('List the languages the sandbox can run here, with versions and Judge0 ids.')
    .option('-a, --all', 'also list known languages whose toolchain is not installed')
    .option('--json', 'print JSON')
    .action(async (options: { all?: boolean; json?: boolean }) => {
      const installed = new Map((await listLanguages()).map((language) => [language.id, language]))
      const rows = allLanguages()
        .filter((language) => options.all === true || installed.has(language.id))
        .map((language) => toRow(language, installed.get(language.id)))
      if (options.json === true) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`)
        return
      }
      process.stdout.write(`${formatTable(rows)}\n`)
      const missing = allLanguages().length - installed.size
      if (options.all !== true && missing > 0) {
        process.stdout.write(
          `\n${missing} more known but not installed: verity languages --all; install with scripts/setup --all\n`,
        )
      }
    })
}
