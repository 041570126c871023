/**
 * Finds the compiled supervisor, building it with the system C compiler when missing or stale (the binary's name
 * carries a hash of its source). `scripts/setup` runs this file so the first run does not pay for compiling.
 *   node src/sandbox/supervisor/build.ts   → prints the binary's path
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { access, chmod, mkdir, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { SandboxUnavailableError } from '../errors.ts'

const SOURCE = join(import.meta.dirname, 'supervisor.c')
const CACHE = join(import.meta.dirname, '..', '..', '..', 'node_modules', '.cache', 'verity')

let building: Promise<string> | undefined

/** Path of the supervisor binary for the current source, compiled on first use. */
export function supervisorBinary(): Promise<string> {
  building ??= build().catch((error: unknown) => {
    building = undefined
    throw error
  })
  return building
}

async function build(): Promise<string> {
  const source = await readFile(SOURCE)
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 12)
  const binary = join(CACHE, `verity-supervisor-${hash}`)
  if (
    await access(binary).then(
      () => true,
      () => false,
    )
  )
    return binary
  await mkdir(CACHE, { recursive: true, mode: 0o755 })
  const temporary = `${binary}.${process.pid}.tmp`
  try {
    await promisify(execFile)('cc', ['-O2', '-Wall', '-o', temporary, SOURCE], { timeout: 60_000 })
    await chmod(temporary, 0o755)
    await rename(temporary, binary)
  } catch (error) {
    await rm(temporary, { force: true })
    throw new SandboxUnavailableError(
      `cannot build the sandbox supervisor (${SOURCE}) with the C compiler: ${(error as Error).message.split('\n')[0]}. ` +
        'Run scripts/setup (it installs gcc), or: apt-get install gcc libc6-dev',
      { cause: error },
    )
  }
  return binary
}

if (import.meta.main) {
  process.stdout.write(`${await supervisorBinary()}\n`)
}
