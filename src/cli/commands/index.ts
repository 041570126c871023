import type { Command } from 'commander'
import { doctorCommand } from './doctor.ts'
import { execCommand } from './exec.ts'
import { executionsCommand } from './executions.ts'
import { hashPasswordCommand } from './hash-password.ts'
import { kvCommand } from './kv.ts'
import { languagesCommand } from './languages.ts'
import { runCommand } from './run.ts'
import { schemaCommand } from './schema.ts'
import { serverCommand } from './server.ts'
import { validateCommand } from './validate.ts'

/** Every sub-command of `verity`; each file exports a builder returning a commander `Command`. */
export const commands: Array<() => Command> = [
  runCommand,
  kvCommand,
  executionsCommand,
  execCommand,
  doctorCommand,
  languagesCommand,
  validateCommand,
  schemaCommand,
  serverCommand,
  hashPasswordCommand,
]
