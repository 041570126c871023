/**
 * Prints the Debian packages of the sandbox's languages, one per line, for scripts/system-packages.sh:
 *   node scripts/debian-packages.ts core   the core languages
 *   node scripts/debian-packages.ts all    core + extended languages + extras such as Python's numpy
 * The registry (src/sandbox/languages) is the one source of truth for these lists.
 */
import { debianPackages } from '../src/sandbox/languages/registry.ts'

const set = process.argv[2] ?? 'core'
if (set !== 'core' && set !== 'all') {
  process.stderr.write(`debian-packages: expected "core" or "all", got "${set}"\n`)
  process.exit(2)
}
process.stdout.write(`${debianPackages(set).join('\n')}\n`)
