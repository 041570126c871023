import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import type { LanguageDefinition } from '../types.ts'
import { detectLanguage, installedLanguages, isInstalled, listLanguages, parseVersion } from './detect.ts'

// This test's own version cache (read lazily on first detection), not the user's.
const cacheHome = mkdtempSync(join(tmpdir(), 'verity-detect-'))
process.env.XDG_CACHE_HOME = cacheHome
after(() => rmSync(cacheHome, { recursive: true, force: true }))

const fake: LanguageDefinition = {
  id: 'fake',
  name: 'Fake',
  sourceFile: 'main.fake',
  run: ['/bin/sh', 'main.fake'],
  judge0Ids: [1000],
  versionCommand: ['/bin/sh', '-c', 'echo "fake compiler version 4.5.6 (build 7)" >&2'],
  requires: ['/bin/sh'],
  debianPackages: ['dash'],
  set: 'extended',
}

describe('language detection', () => {
  it('parses versions from banners', () => {
    assert.equal(parseVersion('Python 3.11.2\n'), '3.11.2')
    assert.equal(parseVersion('go version go1.19.8 linux/amd64'), '1.19.8')
    assert.equal(parseVersion('This is perl 5, version 36, subversion 0 (v5.36.0)'), '5.36.0')
    assert.equal(
      parseVersion('Erlang/OTP 25 [erts-13.1.5]\n\nElixir 1.14.0', 'Elixir (\\d+\\.\\d+\\.\\d+)'),
      '1.14.0',
    )
    assert.equal(parseVersion('no digits here'), undefined)
  })

  it('reads the version from stdout or stderr', async () => {
    assert.equal((await detectLanguage(fake))?.version, '4.5.6')
  })

  it('does not offer a language whose binaries are missing', async () => {
    const missing = { ...fake, requires: ['/bin/sh', '/nonexistent/verity-compiler'] }
    assert.equal(await isInstalled(missing), false)
    assert.equal(await detectLanguage(missing), undefined)
  })

  it('checks bound binaries at their host path', async () => {
    const bound = {
      ...fake,
      requires: ['/usr/local/bin/verity-sh'],
      binds: { '/usr/local/bin/verity-sh': '/bin/sh' },
    }
    assert.equal(await isInstalled(bound), true)
  })

  it('offers a toolchain whose version command fails, without a version', async () => {
    const broken = { ...fake, versionCommand: ['/bin/sh', '-c', 'exit 3'] }
    const detected = await detectLanguage(broken)
    assert.equal(detected?.id, 'fake')
    assert.equal(detected?.version, undefined)
  })

  it('lists the installed core languages with versions, detected once per process', async () => {
    const installed = await listLanguages()
    const again = await listLanguages()
    assert.ok(installed.every((language, index) => again[index] === language))
    const python = installed.find((language) => language.id === 'python')
    assert.match(python?.version ?? '', /^3\.\d+/)
    const javascript = installed.find((language) => language.id === 'javascript')
    assert.equal(`v${javascript?.version}`, process.version)
  })

  it('lists the same installed languages without starting any toolchain', async () => {
    const cheap = await installedLanguages()
    const detected = await listLanguages()
    assert.deepEqual(
      cheap.map((language) => language.id),
      detected.map((language) => language.id),
    )
    assert.ok(cheap.every((language) => language.version === undefined))
  })
})
