import type { Command } from 'commander'
import { languagesCommand } from './languages.ts'

/** Every sub-command of `verity`; each file exports a builder returning a commander `Command`. */
export const commands: Array<() => Command> = [languagesCommand]
