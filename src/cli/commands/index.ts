import type { Command } from 'commander'
import { doctorCommand } from './doctor.ts'
import { execCommand } from './exec.ts'
import { languagesCommand } from './languages.ts'
import { schemaCommand } from './schema.ts'
import { validateCommand } from './validate.ts'

/** Every sub-command of `verity`; each file exports a builder returning a commander `Command`. */
export const commands: Array<() => Command> = [
  execCommand,
  doctorCommand,
  languagesCommand,
  validateCommand,
  schemaCommand,
]
