import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { base64, finished, type Harness, startHarness } from './harness.ts'

let harness: Harness
before(async () => {
  harness = await startHarness({ languages: ['python', 'javascript', 'c'] })
})
after(() => harness.close())

const wait = (body: unknown, query = '') => harness.request(`/submissions?wait=true${query}`, { body })

describe('POST /submissions', () => {
  it('answers 201 with a token, then GET shows the finished submission with the default fields', async () => {
    const created = await harness.request('/submissions', {
      body: { language_id: 71, source_code: 'print("hi")' },
    })
    assert.equal(created.status, 201)
    const { token } = (await created.json()) as { token: string }
    assert.match(token, /^[0-9a-f-]{36}$/)
    const result = await finished(harness, token)
    assert.equal(result.stdout, 'hi\n')
    const defaults = await (await harness.request(`/submissions/${token}`)).json()
    assert.deepEqual(Object.keys(defaults as object), [
      'token',
      'time',
      'memory',
      'stdout',
      'stderr',
      'compile_output',
      'message',
      'status',
    ])
    assert.deepEqual((defaults as { status: unknown }).status, { id: 3, description: 'Accepted' })
    assert.match((defaults as { time: string }).time, /^\d+\.\d+$/, 'time is a decimal string as in Judge0')
  })

  it('wait=true returns the finished submission; fields=* carries every attribute with Judge0 defaults', async () => {
    const response = await wait(
      { language_id: 71, source_code: 'import sys\nprint(sys.stdin.read().upper())', stdin: 'abc' },
      '&fields=*',
    )
    assert.equal(response.status, 201)
    const body = (await response.json()) as Record<string, unknown>
    assert.equal(body.stdout, 'ABC\n')
    assert.equal(body.cpu_time_limit, '5.0')
    assert.equal(body.wall_time_limit, '10.0')
    assert.equal(body.memory_limit, 128000)
    assert.equal(body.stack_limit, 64000)
    assert.equal(body.max_processes_and_or_threads, 60)
    assert.equal(body.number_of_runs, 1)
    assert.equal(body.enable_network, false)
    assert.equal(body.exit_code, 0)
    assert.deepEqual(body.language, { id: 71, name: (body.language as { name: string }).name })
    assert.match((body.language as { name: string }).name, /^Python \(3\.\d+\.\d+\)$/)
    assert.equal(body.status_id, 3)
    assert.ok(typeof body.created_at === 'string' && typeof body.finished_at === 'string')
    assert.equal(Object.keys(body).length, 35)
  })

  it('base64_encoded=true decodes inputs strictly and encodes outputs on one line', async () => {
    const source = 'print("x" * 200)'
    const body = (await (
      await wait({ language_id: 71, source_code: base64(source) }, '&base64_encoded=true')
    ).json()) as {
      stdout: string
    }
    assert.equal(body.stdout, base64(`${'x'.repeat(200)}\n`))
    assert.ok(!body.stdout.includes('\n'))
    const invalid = await harness.request('/submissions?base64_encoded=true', {
      body: { language_id: 71, source_code: 'cHJpbnQoMSk=\n', stdin: '%%%' },
    })
    assert.equal(invalid.status, 422)
    const errors = (await invalid.json()) as Record<string, string[]>
    assert.deepEqual(Object.keys(errors).sort(), ['source_code', 'stdin'])
    assert.match(errors.stdin?.[0] ?? '', /not valid base64/)
  })

  it('output that is not UTF-8 gives Judge0’s error unless base64 was asked for', async () => {
    const source = 'import sys; sys.stdout.buffer.write(b"\\xff\\xfe")'
    const response = await wait({ language_id: 71, source_code: source })
    assert.equal(response.status, 201)
    const body = (await response.json()) as { error: string; token: string }
    assert.equal(
      body.error,
      'some attributes for this submission cannot be converted to UTF-8, use base64_encoded=true query parameter',
    )
    const again = await harness.request(`/submissions/${body.token}`)
    assert.equal(again.status, 400)
    const encoded = (await (
      await harness.request(`/submissions/${body.token}?base64_encoded=true`)
    ).json()) as {
      stdout: string
    }
    assert.equal(encoded.stdout, Buffer.from([0xff, 0xfe]).toString('base64'))
  })

  it('judges Wrong Answer as Judge0 does: trailing whitespace per line and at the end is ignored', async () => {
    const source = 'print("a  ")\nprint("b")\nprint()\n'
    const accepted = (await (
      await wait({ language_id: 71, source_code: source, expected_output: 'a\nb' })
    ).json()) as {
      status: { id: number }
    }
    assert.equal(accepted.status.id, 3)
    const leading = (await (
      await wait({ language_id: 71, source_code: source, expected_output: ' a\nb' })
    ).json()) as {
      status: { id: number; description: string }
    }
    assert.deepEqual(leading.status, { id: 4, description: 'Wrong Answer' })
    const innerBlank = (await (
      await wait({ language_id: 71, source_code: source, expected_output: 'a\n\nb' })
    ).json()) as {
      status: { id: number }
    }
    assert.equal(innerBlank.status.id, 4)
  })

  it('maps runtime errors and time limits to Judge0 statuses with isolate messages', async () => {
    const nzec = (await (
      await wait({ language_id: 71, source_code: 'raise SystemExit(3)' }, '&fields=status,exit_code,message')
    ).json()) as Record<string, unknown>
    assert.deepEqual(nzec, {
      status: { id: 11, description: 'Runtime Error (NZEC)' },
      exit_code: 3,
      message: 'Exited with error status 3',
    })
    const tle = (await (
      await wait(
        { language_id: 71, source_code: 'while True: pass', cpu_time_limit: 0.5, cpu_extra_time: 0 },
        '&fields=status,message',
      )
    ).json()) as Record<string, unknown>
    assert.deepEqual(tle.status, { id: 5, description: 'Time Limit Exceeded' })
    assert.match(String(tle.message), /^Time limit exceeded/)
  })

  it('passes command_line_arguments as argv words that no shell interprets', async () => {
    const body = (await (
      await wait({
        language_id: 71,
        source_code: 'import sys; print(sys.argv[1:])',
        command_line_arguments: `one 'two words' "$HOME" ; $(id)`,
      })
    ).json()) as { stdout: string }
    assert.equal(body.stdout, `['one', 'two words', '$HOME', ';', '$(id)']\n`)
  })

  it("makes Judge0's newline injection in compiler_options inert: words reach the compiler, no shell runs", async () => {
    const body = (await (
      await wait(
        {
          language_id: 50,
          source_code: 'int main(void) { return 0; }',
          compiler_options: '-O2\ntouch /tmp/verity-pwned',
        },
        '&fields=status,compile_output,time,memory,exit_code',
      )
    ).json()) as { status: { id: number }; compile_output: string; time: null; memory: null; exit_code: null }
    // gcc receives "touch" and "/tmp/verity-pwned" as input file names and fails on them: nothing ran them.
    assert.equal(body.status.id, 6)
    assert.match(body.compile_output, /touch/)
    assert.deepEqual([body.time, body.memory, body.exit_code], [null, null, null], 'the program never ran')
    const compiled = (await (
      await wait({
        language_id: 50,
        source_code: '#include <stdio.h>\nint main(void){printf("%d\\n", N);}',
        compiler_options: '-DN=42 -O2',
      })
    ).json()) as {
      stdout: string
    }
    assert.equal(compiled.stdout, '42\n')
  })

  it('runs number_of_runs times and averages; redirect_stderr_to_stdout merges the streams', async () => {
    const body = (await (
      await wait(
        {
          language_id: 71,
          source_code: 'import sys; print("out"); print("err", file=sys.stderr)',
          number_of_runs: 3,
          redirect_stderr_to_stdout: true,
        },
        '&fields=stdout,stderr,number_of_runs,status',
      )
    ).json()) as Record<string, unknown>
    assert.deepEqual(body, {
      stdout: 'out\nerr\n',
      stderr: null,
      number_of_runs: 3,
      status: { id: 3, description: 'Accepted' },
    })
  })
})

describe('validation', () => {
  it('answers 422 with every invalid attribute and Judge0’s messages', async () => {
    const response = await harness.request('/submissions', {
      body: {
        language_id: 99999,
        cpu_time_limit: 16,
        memory_limit: 1000,
        number_of_runs: 0,
        wall_time_limit: 'soon',
        enable_network: 'maybe',
        compiler_options: "-O2 'unterminated",
      },
    })
    assert.equal(response.status, 422)
    assert.deepEqual(await response.json(), {
      source_code: ["can't be blank"],
      language_id: ["language with id 99999 doesn't exist"],
      number_of_runs: ['must be greater than 0'],
      cpu_time_limit: ['must be less than or equal to 15.0'],
      wall_time_limit: ['is not a number'],
      memory_limit: ['must be greater than or equal to 2048'],
      enable_network: ['must be true or false'],
      compiler_options: ['cannot be split into arguments: unterminated single quote at position 5'],
    })
  })

  it('refuses compiler options for interpreted languages and bad JSON, fields and tokens', async () => {
    const interpreted = await harness.request('/submissions', {
      body: { language_id: 71, source_code: 'print(1)', compiler_options: '-O2' },
    })
    assert.deepEqual(await interpreted.json(), {
      compiler_options: ['setting compiler options is only allowed for compiled languages'],
    })
    const notJson = await harness.server.app.request('/judge0/submissions', {
      method: 'POST',
      body: '{',
      headers: { 'content-type': 'application/json' },
    })
    assert.equal(notJson.status, 400)
    const fields = await harness.request('/submissions?fields=stdout,bogus,nope', {
      body: { language_id: 71, source_code: 'print(1)' },
    })
    assert.equal(fields.status, 400)
    assert.deepEqual(await fields.json(), { error: 'invalid fields: [bogus, nope]' })
    const missing = await harness.request('/submissions/00000000-0000-0000-0000-000000000000')
    assert.equal(missing.status, 404)
    assert.deepEqual(await missing.json(), { error: 'not found' })
  })
})
