import assert from 'node:assert/strict'
import { test } from 'node:test'
import { strToU8, zipSync } from 'fflate'
import { type Judge0Config, judge0ConfigSchema } from '../config/judge0.ts'
import { createLanguageCatalog } from './languages.ts'
import { validateSubmission } from './validate.ts'

const languages = createLanguageCatalog([
  {
    id: 'python',
    name: 'Python',
    version: '3.11.2',
    sourceFile: 'script.py',
    run: ['python3', 'script.py'],
    judge0Ids: [71],
    requires: [],
    debianPackages: [],
    set: 'core',
  },
  {
    id: 'c',
    name: 'C (GCC)',
    version: '12.2.0',
    sourceFile: 'main.c',
    compile: ['gcc', '{compilerOptions}', 'main.c'],
    run: ['./a.out'],
    judge0Ids: [50],
    requires: [],
    debianPackages: [],
    set: 'core',
  },
  {
    id: 'multifile',
    name: 'Multi-file program',
    sourceFile: 'run',
    run: ['/bin/bash', 'run'],
    judge0Ids: [89],
    requires: [],
    debianPackages: [],
    set: 'core',
  },
])

function validate(body: Record<string, unknown>, config: Partial<Judge0Config> = {}, base64Encoded = false) {
  return validateSubmission(body, {
    config: judge0ConfigSchema.parse(config),
    languages,
    base64Encoded,
    extractLimits: { maxBytes: 1024, maxFiles: 4 },
    token: 'token',
    now: '2030-01-01T00:00:00.000Z',
  })
}

test('fills Judge0 defaults and casts numbers sent as strings', () => {
  const result = validate({ language_id: '71', source_code: 'print(1)', memory_limit: '256000' })
  assert.ok('submission' in result)
  const { submission } = result
  assert.equal(submission.language_id, 71)
  assert.equal(submission.memory_limit, 256000)
  assert.equal(submission.cpu_time_limit, 5)
  assert.equal(submission.cpu_extra_time, 1)
  assert.equal(submission.wall_time_limit, 10)
  assert.equal(submission.max_file_size, 1024)
  assert.equal(submission.status_id, 1)
  assert.equal(submission.source_code, Buffer.from('print(1)').toString('base64'))
})

test('configured defaults and maxima apply', () => {
  const result = validate(
    { language_id: 71, source_code: 'x', cpu_time_limit: 3 },
    { cpu_time_limit: 1, max_cpu_time_limit: 2 },
  )
  assert.deepEqual(result, { errors: { cpu_time_limit: ['must be less than or equal to 2.0'] } })
})

test('network: false is always accepted, true only when allowed', () => {
  assert.ok(
    'submission' in
      validate({ language_id: 71, source_code: 'x', enable_network: false }, { allow_enable_network: false }),
  )
  assert.deepEqual(
    validate({ language_id: 71, source_code: 'x', enable_network: true }, { allow_enable_network: false }),
    {
      errors: { enable_network: ['enabling network is not allowed'] },
    },
  )
})

test('per-process limits, compiler options per language and argument length follow Judge0', () => {
  assert.deepEqual(
    validate(
      {
        language_id: 50,
        source_code: 'x',
        enable_per_process_and_thread_time_limit: true,
        enable_per_process_and_thread_memory_limit: 'true',
        compiler_options: '-O2',
        command_line_arguments: 'a'.repeat(513),
      },
      {
        allow_enable_per_process_and_thread_time_limit: false,
        allow_enable_per_process_and_thread_memory_limit: false,
        allowed_languages_for_compile_options: ['C++', 'Java'],
      },
    ),
    {
      errors: {
        enable_per_process_and_thread_time_limit: ['this option cannot be enabled'],
        enable_per_process_and_thread_memory_limit: ['this option cannot be enabled'],
        compiler_options: ['setting compiler options is only allowed for C++ and Java'],
        command_line_arguments: ['is too long (maximum is 512 characters)'],
      },
    },
  )
  assert.ok(
    'submission' in
      validate(
        { language_id: 50, source_code: 'x', compiler_options: '-O2' },
        { allowed_languages_for_compile_options: ['C'] },
      ),
  )
})

test('body that is not an object is refused', () => {
  assert.deepEqual(validate([] as unknown as Record<string, unknown>), {
    errors: { submission: ['must be a JSON object'] },
  })
})

test('a multi-file program (89) needs additional_files instead of a source, as Judge0’s projects do', () => {
  const zip = Buffer.from(zipSync({ run: strToU8('echo hi\n') })).toString('base64')
  const project = validate({ language_id: 89, additional_files: zip })
  assert.ok('submission' in project, JSON.stringify(project))
  assert.deepEqual(validate({ language_id: 89 }), { errors: { additional_files: ["can't be blank"] } })
  assert.deepEqual(validate({ language_id: 71 }), { errors: { source_code: ["can't be blank"] } })
})
