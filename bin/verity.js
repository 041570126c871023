#!/usr/bin/env node
// Entry for `npx verity`: the CLI is TypeScript run by Node's type stripping (Node >= 24). npm scripts and npx in
// the project run the Node 24 pinned in node_modules; anywhere else (a global link, a PATH with an older Node) this
// file hands over to that pinned Node rather than fail on the `.ts` import.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url))
const major = Number(process.versions.node.split('.')[0])
if (major >= 24) {
  await import(main)
} else {
  const pinned = fileURLToPath(new URL('../node_modules/.bin/node', import.meta.url))
  if (!existsSync(pinned)) {
    process.stderr.write(
      `verity needs Node.js 24 or newer (this is ${process.version}); run scripts/setup, which installs it into node_modules\n`,
    )
    process.exit(2)
  }
  const child = spawnSync(pinned, [main, ...process.argv.slice(2)], { stdio: 'inherit' })
  process.exit(child.status ?? 1)
}
