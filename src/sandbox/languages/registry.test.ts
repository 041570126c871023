import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  allLanguages,
  debianPackages,
  displayName,
  findLanguage,
  findLanguageByJudge0Id,
  judge0LanguageIds,
} from './registry.ts'

describe('language registry', () => {
  it('answers to the ids Judge0 clients send', () => {
    const expected: Array<[number, string]> = [
      [43, 'plaintext'],
      [45, 'assembly'],
      [46, 'bash'],
      [50, 'c'],
      [51, 'csharp'],
      [54, 'cpp'],
      [62, 'java'],
      [63, 'javascript'],
      [71, 'python'],
      [73, 'rust'],
      [74, 'typescript'],
      [82, 'sql'],
      [91, 'java'],
      [101, 'typescript'],
      [102, 'javascript'], // Kestra's CodeExecution sends this one
      [105, 'cpp'],
      [107, 'go'],
      [108, 'rust'],
      [109, 'python'],
    ]
    for (const [judge0Id, id] of expected)
      assert.equal(findLanguageByJudge0Id(judge0Id)?.id, id, `id ${judge0Id}`)
    assert.equal(findLanguageByJudge0Id(44)?.id, 'executable')
    assert.equal(findLanguageByJudge0Id(89)?.id, 'multifile')
    assert.equal(findLanguageByJudge0Id(70), undefined) // Python 2: Debian bookworm has none
  })

  it('finds a language by id, alias, Judge0 id or digit string, case-insensitively', () => {
    assert.equal(findLanguage('python')?.id, 'python')
    assert.equal(findLanguage('Py')?.id, 'python')
    assert.equal(findLanguage(' python3 ')?.id, 'python')
    assert.equal(findLanguage(102)?.id, 'javascript')
    assert.equal(findLanguage('102')?.id, 'javascript')
    assert.equal(findLanguage('c++')?.id, 'cpp')
    assert.equal(findLanguage('cobol-85'), undefined)
    assert.equal(findLanguage(9999), undefined)
  })

  it('has well-formed entries: argv arrays, a source file, packages, a canonical Judge0 id', () => {
    for (const language of allLanguages()) {
      assert.match(language.id, /^[a-z][a-z0-9]*$/, language.id)
      assert.ok(language.run.length > 0 && language.run.every((part) => part.length > 0), language.id)
      assert.ok(!language.sourceFile.includes('/'), language.id)
      assert.ok(language.judge0Ids.length > 0, language.id)
      assert.ok(
        language.requires.every((path) => path.startsWith('/')),
        `${language.id}: absolute requires`,
      )
      const program = language.run[0]
      assert.ok(program.startsWith('/') || program.startsWith('./'), `${language.id}: argv[0] is a path`)
      if (language.compile !== undefined) {
        const splices = language.compile.filter((part) => part === '{compilerOptions}').length
        assert.ok(splices <= 1, `${language.id}: one {compilerOptions} splice point at most`)
      }
    }
  })

  it('lists Judge0 ids ascending, each once', () => {
    const ids = judge0LanguageIds().map((entry) => entry.judge0Id)
    assert.deepEqual(
      ids,
      [...ids].sort((left, right) => left - right),
    )
    assert.equal(new Set(ids).size, ids.length)
    assert.ok(ids.includes(102))
  })

  it('formats Judge0-style names', () => {
    const c = findLanguage('c')!
    assert.equal(displayName({ ...c, version: '12.2.0' }), 'C (GCC 12.2.0)')
    assert.equal(displayName({ ...findLanguage('python')!, version: '3.11.2' }), 'Python (3.11.2)')
    assert.equal(displayName(findLanguage('plaintext')!), 'Plain Text')
  })

  it('gives the Debian packages of the core set, and more with the extended set', () => {
    const core = debianPackages('core')
    const all = debianPackages('all')
    for (const name of [
      'python3',
      'gcc',
      'g++',
      'openjdk-17-jdk-headless',
      'golang-go',
      'rustc',
      'sqlite3',
    ]) {
      assert.ok(core.includes(name), name)
    }
    assert.ok(!core.includes('ghc') && all.includes('ghc'))
    assert.ok(!core.includes('python3-numpy') && all.includes('python3-numpy'))
    assert.equal(new Set(all).size, all.length)
    assert.ok(core.every((name) => all.includes(name)))
  })
})
