/**
 * `verity hash-password`: reads a password from stdin and prints the scrypt hash to put in
 * `server.auth.users[].password` of verity.yaml, so no plain password is ever written in the config.
 */
import { text } from 'node:stream/consumers'
import { Command } from 'commander'
import { VerityError } from '../../errors.ts'
import { hashPassword } from '../../server/api/auth.ts'

export function hashPasswordCommand(): Command {
  return new Command('hash-password')
    .description('Hash a password (read from stdin) for server.auth.users in verity.yaml')
    .addHelpText('after', '\nExample:\n  $ printf %s "s3cret" | verity hash-password\n')
    .action(async () => {
      // One trailing newline (from `echo`) is not part of the password.
      const password = (await text(process.stdin)).replace(/\r?\n$/, '')
      if (password === '')
        throw new VerityError('PASSWORD_EMPTY', 'no password on stdin: printf %s "…" | verity hash-password')
      process.stdout.write(`${hashPassword(password)}\n`)
    })
}
