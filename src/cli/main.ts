import { Command } from 'commander'
import { isUserFacing } from '../errors.ts'
import { VERITY_VERSION } from '../version.ts'
import { commands } from './commands/index.ts'

/**
 * The `verity` command. Each sub-command lives in its own file under `commands/` and is listed in
 * `commands/index.ts`. Exit codes: 0 success, 1 the work failed (e.g. execution FAILED), 2 invalid usage or input.
 */
const program = new Command('verity')
  .description(
    'Verity: run AI agents that run real code, with Kestra-compatible flows and a sandbox you own.',
  )
  .version(VERITY_VERSION, '-V, --version', 'print the version')
  .option('-c, --config <file>', 'configuration file (default: ./verity.yaml, or $VERITY_CONFIG)')
  .showHelpAfterError()
  .exitOverride((error) => {
    // commander's own usage errors (unknown option, missing argument) exit 2; --help / --version exit 0.
    process.exit(error.exitCode === 0 ? 0 : 2)
  })

/** `addCommand` does not pass settings down (unlike `.command()`): give every sub-command, at any depth, ours. */
function inheritSettings(command: Command, parent: Command): Command {
  command.copyInheritedSettings(parent)
  for (const child of command.commands) inheritSettings(child, command)
  return command
}

// `verity … | head` closes our stdout early: stop quietly, as other command-line tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  process.exit(0)
})

for (const build of commands) program.addCommand(inheritSettings(build(), program))

try {
  await program.parseAsync(process.argv)
} catch (error) {
  if (isUserFacing(error)) {
    process.stderr.write(`error: ${error.message}\n`)
    process.exit(2)
  }
  throw error
}
