import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { CappedCapture } from './capture.ts'
import { DEFAULT_LIMITS } from './limits.ts'
import { type RawOutcome, signalStatus, toResult } from './outcome.ts'
import type { PhaseReport } from './supervisor/protocol.ts'
import { STATUSES } from './types.ts'

const exit = (value: number): PhaseReport => ({
  kind: 'exit',
  value,
  userSeconds: 0.01,
  systemSeconds: 0.01,
  maxRssKb: 1000,
  wallSeconds: 0.5,
})
const signal = (value: number): PhaseReport => ({
  kind: 'signal',
  value,
  userSeconds: 0,
  systemSeconds: 0,
  maxRssKb: 1000,
  wallSeconds: 0.5,
})

function raw(overrides: Partial<RawOutcome>): RawOutcome {
  return {
    stdout: new CappedCapture(100),
    stderr: new CappedCapture(100),
    outputFiles: [],
    runWallSeconds: 0.5,
    cpuBaseline: 0,
    ...overrides,
  }
}

const judge = (overrides: Partial<RawOutcome>) => toResult(raw(overrides), DEFAULT_LIMITS)

describe('toResult: Judge0 statuses and our reasons', () => {
  it('exit 0 is Accepted', () => {
    const result = judge({ run: exit(0) })
    assert.deepEqual(
      [result.status, result.reason, result.exitCode, result.signal],
      [STATUSES.ACCEPTED, 'ok', 0, null],
    )
  })
  it('a non-zero exit is NZEC with the code', () => {
    const result = judge({ run: exit(3) })
    assert.deepEqual([result.status.id, result.reason, result.exitCode], [11, 'nonzero-exit', 3])
  })
  it('maps signals like Judge0: SEGV 7, XFSZ 8, FPE 9, ABRT 10, others 12', () => {
    assert.equal(signalStatus(11).id, 7)
    assert.equal(signalStatus(25).id, 8)
    assert.equal(signalStatus(8).id, 9)
    assert.equal(signalStatus(6).id, 10)
    assert.equal(signalStatus(9).id, 12)
    assert.equal(signalStatus(15).id, 12)
    assert.equal(judge({ run: signal(11) }).signal, 11)
  })
  it('SIGXFSZ from the file-size rlimit says file-size-exceeded', () => {
    assert.equal(judge({ run: signal(25) }).reason, 'file-size-exceeded')
  })
  it('SIGXCPU and a CPU kill are Time Limit Exceeded (cpu)', () => {
    assert.deepEqual(
      [judge({ run: signal(24) }).status.id, judge({ run: signal(24) }).reason],
      [5, 'cpu-time-exceeded'],
    )
    const killed = judge({ killedFor: 'cpu-time-exceeded' })
    assert.deepEqual([killed.status.id, killed.reason], [5, 'cpu-time-exceeded'])
    assert.ok(killed.time >= DEFAULT_LIMITS.cpuTime)
  })
  it('a wall-clock kill is Time Limit Exceeded (wall)', () => {
    const result = judge({ killedFor: 'wall-time-exceeded', run: signal(9) })
    assert.deepEqual([result.status.id, result.reason], [5, 'wall-time-exceeded'])
  })
  it('an OOM kill says memory-exceeded', () => {
    const usage = { cpuSeconds: 0.2, peakMemoryKb: 262144, oomKilled: true, pidsLimitHit: false }
    const result = judge({ run: signal(9), usage })
    assert.deepEqual([result.status.id, result.reason, result.memory], [12, 'memory-exceeded', 262144])
    assert.equal(judge({ run: exit(1), usage }).reason, 'memory-exceeded')
  })
  it('a failed program that hit the pids limit says process-limit-exceeded', () => {
    const usage = { cpuSeconds: 0, peakMemoryKb: 0, oomKilled: false, pidsLimitHit: true }
    assert.equal(judge({ run: exit(1), usage }).reason, 'process-limit-exceeded')
  })
  it('output over the cap stops the run with SIGXFSZ status and output-exceeded', () => {
    const result = judge({ killedFor: 'output-exceeded', run: signal(9) })
    assert.deepEqual([result.status.id, result.reason], [8, 'output-exceeded'])
  })
  it('compile failures and compile timeouts are Compilation Error', () => {
    assert.deepEqual(
      [judge({ compile: exit(1) }).status.id, judge({ compile: exit(1) }).reason],
      [6, 'compile-failed'],
    )
    assert.equal(judge({ compile: signal(9) }).status.id, 6)
    const compileLimits = { ...DEFAULT_LIMITS, cpuTime: 2, wallTime: 20, memory: 1000, fileSize: 10 }
    const compiled = (overrides: Partial<RawOutcome>) =>
      toResult(raw(overrides), DEFAULT_LIMITS, compileLimits)
    const xcpu = compiled({ compile: signal(24) })
    assert.deepEqual(
      [xcpu.status.id, xcpu.reason, xcpu.message],
      [6, 'compile-time-exceeded', 'the compiler exceeded its CPU time limit of 2 s'],
    )
    // gcc exits 1 after its cc1 got SIGXCPU: the CPU used says why.
    const driver = compiled({ compile: { ...exit(4), userSeconds: 1.88 } })
    assert.equal(driver.reason, 'compile-time-exceeded')
    // An ordinary compile error, far from the CPU limit, stays one.
    assert.equal(compiled({ compile: { ...exit(1), userSeconds: 0.5 } }).reason, 'compile-failed')
    const oom = compiled({
      compile: exit(1),
      usage: { cpuSeconds: 0.1, peakMemoryKb: 1000, oomKilled: true, pidsLimitHit: false },
    })
    assert.deepEqual([oom.status.id, oom.reason], [6, 'memory-exceeded'])
    assert.equal(compiled({ compile: signal(25) }).reason, 'file-size-exceeded')
    assert.match(
      compiled({ killedFor: 'compile-time-exceeded' }).message ?? '',
      /compiler exceeded its wall time limit of 20 s/,
    )
    assert.equal(judge({ killedFor: 'compile-time-exceeded' }).reason, 'compile-time-exceeded')
    assert.equal(judge({ compile: exit(0), run: exit(0) }).status.id, 3)
  })
  it('ENOEXEC is Exec Format Error; a missing program is Internal Error', () => {
    assert.equal(judge({ run: { ...exit(0), kind: 'exec-error', value: 8 } }).status.id, 14)
    assert.equal(judge({ run: { ...exit(0), kind: 'exec-error', value: 2 } }).status.id, 13)
  })
  it('no report at all is Internal Error with the message', () => {
    assert.equal(judge({ runWallSeconds: 0 }).status.id, 13)
    // The run began but its supervisor was killed (by the program): a runtime error, not ours.
    assert.deepEqual([judge({}).status.id, judge({}).reason], [12, 'signaled'])
    const result = judge({ internalError: 'boom' })
    assert.deepEqual([result.status.id, result.message], [13, 'boom'])
  })
  it('CPU time is the cgroup delta after the baseline and the compiler', () => {
    const usage = { cpuSeconds: 1.5, peakMemoryKb: 10, oomKilled: false, pidsLimitHit: false }
    const compile = { ...exit(0), userSeconds: 0.3, systemSeconds: 0.2 }
    assert.equal(judge({ run: exit(0), usage, cpuBaseline: 0.25, compile }).time, 0.75)
    const slowTicks = { ...exit(0), userSeconds: 0.9, systemSeconds: 0.1 }
    assert.equal(judge({ run: slowTicks, usage, cpuBaseline: 0.25, compile }).time, 1)
    assert.equal(judge({ run: exit(0) }).time, 0.02)
  })
})
