import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { z } from 'zod'
import type { EngineEvent } from '../../src/engine/index.ts'
import { MASK } from '../../src/engine/index.ts'
import { corePlugins } from '../../src/plugins/core/index.ts'
import { defineRunnableTask, PluginRegistry } from '../../src/plugins/index.ts'
import { createHarness, type Harness } from './harness.ts'

/** A plugin using the RunContext the way AI plugins do: masking, traces, files, KV with ttl. */
const probe = defineRunnableTask({
  type: 'test.engine.Probe',
  title: 'Exercise the RunContext.',
  props: z.object({ apiKey: z.string(), note: z.string() }),
  async run(ctx, props) {
    ctx.maskSecret(props.apiKey)
    ctx.logger.info(`calling with ${props.apiKey}`)
    ctx.logger.debug(`debug ${props.note}`)
    await ctx.trace('llm-request', { headers: { authorization: `Bearer ${props.apiKey}` }, note: props.note })
    const uri = await ctx.putFile('out/result.txt', new TextEncoder().encode(`result ${props.note}`))
    const back = new TextDecoder().decode(await ctx.getFile(uri))
    await ctx.kv.set('short', { n: 1 }, { ttl: 'PT1H' })
    await ctx.kv.set('hidden', 'kv-secret-value', { secret: true })
    ctx.logger.info(`kv says ${(await ctx.kv.get('hidden'))?.value}`)
    return { uri, back, key: props.apiKey, rendered: await ctx.renderString('{{ taskrun.attemptsCount }}') }
  },
})

let harness: Harness
const events: EngineEvent[] = []
before(async () => {
  harness = await createHarness({ registry: new PluginRegistry().register(...corePlugins, probe) })
  await harness.engine.events.subscribe((event) => events.push(event))
})
after(() => harness.close())

test('maskSecret masks logs, traces and outputs; traces and files are stored; debug obeys logLevel', async () => {
  const run = await harness.run(`id: probe
namespace: test.context
tasks:
  - id: probe
    type: test.engine.Probe
    logLevel: INFO
    apiKey: sk-live-abcdef
    note: "{{ flow.id }}"
`)
  assert.equal(run.execution.state.current, 'SUCCESS', JSON.stringify(run.logs))
  const outputs = run.taskRun('probe').outputs as Record<string, string>
  assert.equal(outputs.key, MASK)
  assert.equal(outputs.back, 'result probe')
  assert.equal(outputs.rendered, '1')
  assert.match(outputs.uri, /^verity:\/\/\/test\.context\/\w+\/out\/result\.txt$/)
  assert.deepEqual(
    run.logs.map((log) => log.message),
    [`calling with ${MASK}`, `kv says ${MASK}`],
  )
  const traces = await harness.store.traces.listByExecution(run.execution.id)
  assert.equal(traces.length, 1)
  assert.deepEqual(traces[0].data, { headers: { authorization: `Bearer ${MASK}` }, note: 'probe' })
  assert.equal(traces[0].taskRunId, run.taskRun('probe').id)
  assert.ok(events.some((event) => event.type === 'trace' && event.trace.kind === 'llm-request'))
  assert.ok(events.some((event) => event.type === 'log' && event.log.message === `calling with ${MASK}`))
  const short = await harness.store.kv.get('test.context', 'short')
  assert.ok(short?.expiresAt && Date.parse(short.expiresAt) > Date.now() + 59 * 60_000)
  assert.equal((await harness.store.kv.get('test.context', 'hidden'))?.secret, true)
})

test('a rendered property of the wrong type fails the task with its position in the file', async () => {
  const run = await harness.run(`id: badprops
namespace: test.context
tasks:
  - id: sleepy
    type: io.kestra.plugin.core.flow.Sleep
    duration: "{{ 'not a duration' }}"
    allowFailure: true
  - id: each
    type: io.kestra.plugin.core.flow.ForEach
    concurrencyLimit: "{{ 'many' }}"
    values: [1]
    tasks:
      - id: inner
        type: io.kestra.plugin.core.log.Log
        message: x
`)
  assert.equal(run.execution.state.current, 'FAILED')
  assert.ok(run.logs.some((log) => /Invalid duration "not a duration"/.test(log.message)))
  const message = run.logs.find((log) => log.taskId === 'each')?.message ?? ''
  assert.match(
    message,
    /^test\.yaml:8:5: io\.kestra\.plugin\.core\.flow\.ForEach: expected a number, got 'many' \(at tasks\[1\]\.concurrencyLimit\)$/,
  )
  const inputs = await harness.run(`id: badexpr
namespace: test.context
tasks:
  - id: strict
    type: io.kestra.plugin.core.log.Log
    message: "{{ outputs.nothing.value }}"
`)
  assert.equal(inputs.execution.state.current, 'FAILED')
  assert.ok(
    inputs.logs.some((log) => /outputs\.nothing/.test(log.message)),
    JSON.stringify(inputs.logs),
  )
})
