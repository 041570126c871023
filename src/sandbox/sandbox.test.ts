import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { run, testSandbox } from '../../test/sandbox/helpers.ts'
import { SandboxRequestError } from './errors.ts'
import { createSandbox } from './sandbox.ts'
import type { LanguageDefinition } from './types.ts'

const sandbox = testSandbox()
after(() => sandbox.close())

describe('execute: programs run and report like Judge0', () => {
  it('runs Python with stdin and args (argv never joined into a shell string)', async () => {
    const result = await run(sandbox, {
      language: 'python',
      source: 'import sys\nprint(sys.argv[1:], sys.stdin.read())',
      stdin: 'from stdin',
      args: ['a b', '$(id)', ';ls'],
    })
    assert.equal(result.status.id, 3)
    assert.equal(result.out, "['a b', '$(id)', ';ls'] from stdin\n")
    assert.equal(result.exitCode, 0)
    assert.ok(result.wallTime > 0 && result.memory > 0)
  })

  it('measures wall time around the program alone, CPU time apart from it', async () => {
    const result = await run(sandbox, { language: 'bash', source: 'sleep 0.3' })
    assert.equal(result.status.id, 3, result.err)
    // The supervisor's clock: the sleep plus bash's start, never the host's scheduling of the report.
    assert.ok(result.wallTime >= 0.3 && result.wallTime < 0.6, `wall ${result.wallTime}`)
    assert.ok(result.time < 0.2, `cpu ${result.time}`)
  })

  it('passes only the explicit environment', async () => {
    const result = await run(sandbox, { language: 'bash', source: 'env | sort', env: { GREETING: 'hi' } })
    const names = result.out
      .trim()
      .split('\n')
      .map((line) => line.split('=')[0])
    assert.ok(names.includes('GREETING'))
    assert.ok(
      !names.includes('USER') && !names.includes('NODE_OPTIONS') && !names.includes('npm_config_cache'),
    )
    assert.ok(!result.out.includes(process.env.HOME ?? '/root/'))
  })

  it('runs as an unprivileged user in a fresh work dir', async () => {
    const result = await run(sandbox, { language: 'bash', source: 'id -u; pwd; hostname' })
    assert.equal(result.out, '1000\n/box\nsandbox\n')
  })

  it('places input files and brings back output files, never through symlinks', async () => {
    const result = await run(sandbox, {
      language: 'bash',
      source:
        'cat data/in.txt > out.txt; ln -s /etc/passwd leak.txt; mkdir -p sub; echo deep > sub/x.txt; mkfifo pipe.txt',
      files: { 'data/in.txt': 'input' },
      outputFiles: ['*.txt'],
    })
    assert.equal(result.status.id, 3, result.err)
    const files = Object.fromEntries(
      result.outputFiles.map((file) => [file.name, Buffer.from(file.bytes).toString()]),
    )
    assert.deepEqual(files, { 'out.txt': 'input', 'sub/x.txt': 'deep\n', 'data/in.txt': 'input' })
  })

  it('caps output files', async () => {
    const small = testSandbox({
      prestart: 0,
      outputFiles: { maxFiles: 2, maxFileSize: 4, maxTotalSize: 100 },
    })
    try {
      const result = await small.execute({
        language: 'bash',
        source: 'for i in 1 2 3; do echo 123456 > f$i.out; done',
        outputFiles: ['*.out'],
      })
      assert.equal(result.outputFiles.length, 2)
      for (const file of result.outputFiles)
        assert.deepEqual([Buffer.from(file.bytes).toString(), file.truncated], ['1234', true])
    } finally {
      await small.close()
    }
  })

  it('compiles C with compiler options and runs it', async () => {
    const result = await run(sandbox, {
      language: 'c',
      source: '#include <stdio.h>\nint main(void){ printf("%d\\n", VALUE); return 0; }',
      compilerOptions: ['-DVALUE=42'],
    })
    assert.equal(result.status.id, 3, result.err)
    assert.equal(result.out, '42\n')
    assert.ok(result.compileOutput)
  })

  it('reports a compile error with the compiler message (status 6)', async () => {
    const result = await run(sandbox, { language: 'c', source: 'int main(void) { return missing; }' })
    assert.equal(result.status.id, 6)
    assert.equal(result.reason, 'compile-failed')
    assert.match(Buffer.from(result.compileOutput?.bytes ?? []).toString(), /missing/)
  })

  it('a compiler stopped by its CPU limit is compile-time-exceeded, not a compile error (status 6)', async () => {
    // Constant evaluation at compile time that never ends (the loop limits are lifted by compiler options).
    const result = await run(sandbox, {
      language: 'cpp',
      source:
        'constexpr long spin() { long n = 0; while (true) ++n; return n; }\nlong x = spin();\nint main() {}',
      compilerOptions: ['-fconstexpr-loop-limit=2147483647', '-fconstexpr-ops-limit=9223372036854775807'],
      compileLimits: { cpuTime: 1, wallTime: 20 },
    })
    assert.equal(result.status.id, 6)
    assert.equal(result.reason, 'compile-time-exceeded', result.message)
    assert.match(result.message ?? '', /compiler exceeded its CPU time limit of 1 s/)
  })

  it("the compile step's wall clock does not stop the run after it", async () => {
    const result = await run(sandbox, {
      language: 'c',
      source: '#include <unistd.h>\nint main(void) { sleep(3); return 0; }',
      compileLimits: { wallTime: 2 },
      limits: { wallTime: 10 },
    })
    assert.equal(result.status.id, 3, result.message)
  })

  it('maps runtime errors: NZEC 11, SIGSEGV 7, SIGFPE 9, SIGABRT 10', async () => {
    const nzec = await run(sandbox, { language: 'python', source: 'raise SystemExit(3)' })
    assert.deepEqual([nzec.status.id, nzec.exitCode, nzec.reason], [11, 3, 'nonzero-exit'])
    const c = (body: string) =>
      run(sandbox, {
        language: 'c',
        source: `#include <stdlib.h>\n#include <signal.h>\nint main(int c, char **v){ ${body} }`,
      })
    const segv = await c('volatile int *p = 0; return *p;')
    assert.deepEqual([segv.status.id, segv.signal], [7, 11])
    // raise(): integer division by zero does not trap on every virtual CPU (it does not on this CI's).
    const fpe = await c('raise(SIGFPE); return 0;')
    assert.deepEqual([fpe.status.id, fpe.signal], [9, 8])
    const abrt = await c('abort();')
    assert.deepEqual([abrt.status.id, abrt.signal], [10, 6])
    const other = await c('raise(SIGTERM); return 0;')
    assert.deepEqual([other.status.id, other.signal, other.reason], [12, 15, 'signaled'])
  })

  it('file size rlimit: SIGXFSZ (status 8)', async () => {
    const result = await run(sandbox, {
      language: 'bash',
      source: 'exec head -c 200000 /dev/zero > big',
      limits: { fileSize: 64 },
    })
    assert.deepEqual([result.status.id, result.reason], [8, 'file-size-exceeded'])
  })

  it('runs JavaScript on the project Node 24', async () => {
    const result = await run(sandbox, {
      language: 'javascript',
      source: 'console.log(process.version.split(".")[0])',
    })
    assert.equal(result.out, 'v24\n', result.err)
  })

  it('validates requests before running anything', async () => {
    await assert.rejects(
      sandbox.execute({ language: 'python', source: '', files: { '../escape': 'x' } }),
      SandboxRequestError,
    )
    await assert.rejects(sandbox.execute({ language: 'python', source: '', env: { 'A=B': 'x' } }), /env.A=B/)
    await assert.rejects(sandbox.execute({ language: 'cobol-9000', source: '' }), /unknown language/)
    await assert.rejects(
      sandbox.execute({ language: 'python', source: '', limits: { wallTime: 10_000 } }),
      /limits.wallTime/,
    )
  })
})

describe('execute: exec format error and cancellation', () => {
  const garbage: LanguageDefinition = {
    id: 'garbage',
    name: 'Not a program',
    sourceFile: 'program.txt',
    compile: ['/usr/bin/install', '-m', '755', 'program.txt', 'program'],
    run: ['./program'],
    judge0Ids: [],
    requires: [],
    debianPackages: [],
    set: 'core',
  }
  const custom = createSandbox({ prestart: 0 }, { languages: [garbage] })
  after(() => custom.close())

  it('a binary the kernel cannot execute is Exec Format Error (14)', async () => {
    const result = await custom.execute({ language: 'garbage', source: '\u0001\u0002 not an ELF file' })
    assert.equal(result.status.id, 14, result.message)
  })

  it('an aborted run rejects with the signal reason and kills the program', async () => {
    const controller = new AbortController()
    const running = sandbox.execute({ language: 'bash', source: 'sleep 30', signal: controller.signal })
    setTimeout(() => controller.abort(new Error('stop it')), 300)
    await assert.rejects(running, /stop it/)
  })
})
