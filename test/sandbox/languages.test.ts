// Conformance of the core languages through the real sandbox (see language-conformance.ts).
import assert from 'node:assert/strict'
import { after, it } from 'node:test'
import { createSandbox, STATUSES } from '../../src/sandbox/index.ts'
import { languagePrograms } from './fixtures/language-programs.ts'
import { languageConformance } from './language-conformance.ts'

await languageConformance('core', languagePrograms)

it('multi-file program: runs the files’ compile script, then their run script', async () => {
  const sandbox = createSandbox({})
  after(() => sandbox.close())
  const files = {
    compile: 'exec /usr/bin/gcc -o greet greet.c "$@"',
    'greet.c':
      '#include <stdio.h>\nint main(int c, char **v) { printf("hello, %s\\n", c > 1 ? v[1] : GREETED); }',
    run: 'exec ./greet "$@"',
  }
  const request = { language: 'multifile', files, compilerOptions: ['-DGREETED="world"'] }
  const hello = await sandbox.execute(request)
  assert.equal(
    hello.status.id,
    STATUSES.ACCEPTED.id,
    Buffer.from(hello.compileOutput?.bytes ?? []).toString(),
  )
  assert.equal(Buffer.from(hello.stdout.bytes).toString(), 'hello, world\n')
  const broken = await sandbox.execute({ ...request, files: { ...files, 'greet.c': 'int main( {' } })
  assert.equal(broken.status.id, STATUSES.COMPILATION_ERROR.id)
  assert.match(Buffer.from(broken.compileOutput?.bytes ?? []).toString(), /greet\.c/)
})
