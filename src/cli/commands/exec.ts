/**
 * `verity exec`: runs a program in the sandbox, prints its stdout/stderr and exits with its exit code.
 * A run that did not end in Accepted prints its status and reason to stderr; `--json` prints the whole result.
 */
import { readFileSync } from 'node:fs'
import { Command, InvalidArgumentError } from 'commander'
import { loadConfig } from '../../config/index.ts'
import { VerityError } from '../../errors.ts'
import { createSandbox, type ExecuteResult, type Limits, STATUSES } from '../../sandbox/index.ts'

interface ExecOptions {
  language: string
  stdin?: string
  stdinFile?: string
  arg: string[]
  timeLimit?: number
  wallTimeLimit?: number
  memoryLimit?: number
  network?: boolean
  outputFile: string[]
  json?: boolean
}

/** A byte field in `--json`: UTF-8 text when it is valid UTF-8, else base64. */
export interface JsonBytes {
  encoding: 'utf8' | 'base64'
  data: string
  truncated?: boolean
}

export function jsonBytes(bytes: Uint8Array, truncated?: boolean): JsonBytes {
  let field: JsonBytes
  try {
    field = { encoding: 'utf8', data: new TextDecoder('utf-8', { fatal: true }).decode(bytes) }
  } catch {
    field = { encoding: 'base64', data: Buffer.from(bytes).toString('base64') }
  }
  return truncated === undefined ? field : { ...field, truncated }
}

/** The result as JSON-safe data. */
export function resultToJson(result: ExecuteResult): Record<string, unknown> {
  return {
    ...result,
    stdout: jsonBytes(result.stdout.bytes, result.stdout.truncated),
    stderr: jsonBytes(result.stderr.bytes, result.stderr.truncated),
    ...(result.compileOutput
      ? { compileOutput: jsonBytes(result.compileOutput.bytes, result.compileOutput.truncated) }
      : {}),
    outputFiles: result.outputFiles.map((file) => ({
      name: file.name,
      ...jsonBytes(file.bytes, file.truncated),
    })),
  }
}

/** The process exit code for a result: the program's, 128+signal, else 1. */
export function exitCodeOf(result: ExecuteResult): number {
  if (result.exitCode !== null && result.status.id !== STATUSES.TIME_LIMIT_EXCEEDED.id) return result.exitCode
  if (result.signal !== null) return 128 + result.signal
  return 1
}

function positive(name: string) {
  return (value: string) => {
    const number = Number(value)
    if (!Number.isFinite(number) || number <= 0)
      throw new InvalidArgumentError(`${name} must be a positive number`)
    return number
  }
}

function readInput(path: string, what: string): Buffer {
  try {
    return path === '-' ? readFileSync(0) : readFileSync(path)
  } catch (error) {
    throw new VerityError('EXEC_INPUT', `cannot read ${what} ${path}: ${(error as Error).message}`)
  }
}

/** Builds the `exec` sub-command. */
export function execCommand(): Command {
  return new Command('exec')
    .description('Run a program in the sandbox and exit with its exit code.')
    .argument('[file]', 'source file, or - for standard input', '-')
    .requiredOption('-l, --language <id>', 'language id, alias or Judge0 id (see `verity languages`)')
    .option('--stdin <text>', 'text given to the program on standard input')
    .option('--stdin-file <file>', 'file given to the program on standard input')
    .option(
      '--arg <value>',
      'argument passed to the program (repeatable)',
      (value: string, list: string[]) => [...list, value],
      [],
    )
    .option('--time-limit <seconds>', 'CPU time limit', positive('--time-limit'))
    .option('--wall-time-limit <seconds>', 'wall-clock limit', positive('--wall-time-limit'))
    .option('--memory-limit <kb>', 'memory limit in KB', positive('--memory-limit'))
    .option('--network', 'allow network access (off by default)')
    .option(
      '--output-file <glob>',
      'bring back files matching this glob (repeatable; shown with --json)',
      (value: string, list: string[]) => [...list, value],
      [],
    )
    .option('--json', 'print the whole result as JSON (bytes as UTF-8 or base64)')
    .action(async (file: string, options: ExecOptions, command: Command) => {
      if (options.stdin !== undefined && options.stdinFile !== undefined) {
        throw new VerityError('EXEC_INPUT', 'give --stdin or --stdin-file, not both')
      }
      if (file === '-' && options.stdinFile === '-')
        throw new VerityError('EXEC_INPUT', 'the source and --stdin-file cannot both be standard input')
      const config = loadConfig({ path: command.optsWithGlobals().config })
      const source = readInput(file, 'source file')
      const stdin =
        options.stdinFile !== undefined
          ? readInput(options.stdinFile, '--stdin-file')
          : Buffer.from(options.stdin ?? '')
      const limits: Partial<Limits> = {}
      if (options.timeLimit !== undefined) limits.cpuTime = options.timeLimit
      if (options.wallTimeLimit !== undefined) limits.wallTime = options.wallTimeLimit
      if (options.memoryLimit !== undefined) limits.memory = Math.round(options.memoryLimit)
      const sandbox = createSandbox({ ...config.sandbox, prestart: 0 })
      let result: ExecuteResult
      try {
        result = await sandbox.execute({
          language: options.language,
          source,
          stdin,
          args: options.arg,
          limits,
          network: options.network === true,
          outputFiles: options.outputFile,
        })
      } finally {
        await sandbox.close()
      }
      if (options.json) {
        process.stdout.write(`${JSON.stringify(resultToJson(result), null, 2)}\n`)
      } else {
        if (result.compileOutput?.bytes.length) process.stderr.write(result.compileOutput.bytes)
        process.stdout.write(result.stdout.bytes)
        process.stderr.write(result.stderr.bytes)
        if (result.status.id !== STATUSES.ACCEPTED.id) {
          process.stderr.write(
            `verity: ${result.status.description} (${result.reason})${result.message ? `: ${result.message}` : ''}\n`,
          )
        }
      }
      process.exitCode = exitCodeOf(result)
    })
}
