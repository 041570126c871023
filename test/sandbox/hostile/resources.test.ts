/** Hostile code against the resource limits: each run is contained, gets the right status, and the next run is normal. */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, describe, it } from 'node:test'
import { nextRunIsNormal, run, testSandbox, waitForNoProcesses } from '../helpers.ts'

const sandbox = testSandbox()
after(() => sandbox.close())

async function assertNextRunNormal() {
  const next = await nextRunIsNormal(sandbox)
  assert.equal(next.status.id, 3, next.err)
  assert.equal(next.out, 'ok 0 1\n')
}

describe('hostile: resources', () => {
  it('fork bomb: stopped by the pids limit and the wall clock, nothing survives', async () => {
    const marker = `forkbomb-${randomBytes(4).toString('hex')}`
    const result = await run(sandbox, {
      language: 'python',
      source: 'import os\nwhile True:\n    try: os.fork()\n    except OSError: pass',
      args: [marker],
      limits: { wallTime: 2, processes: 32 },
    })
    assert.equal(result.status.id, 5)
    assert.ok(['wall-time-exceeded', 'cpu-time-exceeded'].includes(result.reason), result.reason)
    assert.deepEqual(await waitForNoProcesses(marker), [])
    await assertNextRunNormal()
  })

  it('memory bomb: killed by the memory cgroup, reported as memory-exceeded', async () => {
    const result = await run(sandbox, {
      language: 'python',
      source: 'chunks = []\nwhile True: chunks.append(bytearray(16 * 1024 * 1024))',
      limits: { memory: 65536 },
    })
    assert.equal(result.reason, 'memory-exceeded', `${result.status.description}: ${result.err}`)
    assert.ok([11, 12].includes(result.status.id))
    assert.ok(result.memory >= 60000, `peak ${result.memory} KB`)
    await assertNextRunNormal()
  })

  it('CPU spin: Time Limit Exceeded at the CPU limit', async () => {
    const result = await run(sandbox, {
      language: 'python',
      source: 'while True: pass',
      limits: { cpuTime: 1, wallTime: 20 },
    })
    assert.deepEqual([result.status.id, result.reason], [5, 'cpu-time-exceeded'])
    assert.ok(result.time >= 0.9, `time ${result.time}`)
    await assertNextRunNormal()
  })

  it('CPU spread over processes (each under its own rlimit): stopped by cgroup CPU accounting', async () => {
    const result = await run(sandbox, {
      language: 'bash',
      source: 'for i in 1 2 3 4; do (while :; do :; done) & done; wait',
      limits: { cpuTime: 1, wallTime: 30 },
    })
    assert.deepEqual([result.status.id, result.reason], [5, 'cpu-time-exceeded'])
    await assertNextRunNormal()
  })

  it('sleeping past the wall limit: killed from outside', async () => {
    const result = await run(sandbox, { language: 'bash', source: 'sleep 60', limits: { wallTime: 1 } })
    assert.deepEqual([result.status.id, result.reason], [5, 'wall-time-exceeded'])
    assert.ok(result.wallTime >= 1 && result.wallTime < 30, `wall ${result.wallTime}`)
    await assertNextRunNormal()
  })

  it('1 GB of output: captured up to the cap only, then the run is stopped', async () => {
    const result = await run(sandbox, {
      language: 'python',
      source: 'import sys\nblock = "x" * 65536\nfor _ in range(16384): sys.stdout.write(block)',
      limits: { outputSize: 100_000 },
    })
    assert.deepEqual([result.status.id, result.reason], [8, 'output-exceeded'])
    assert.equal(result.stdout.bytes.length, 100_000)
    assert.equal(result.stdout.truncated, true)
    await assertNextRunNormal()
  })

  it('filling the disk: the work dir and /tmp are small tmpfs that fill up, nothing of the host', async () => {
    const result = await run(sandbox, {
      language: 'bash',
      source:
        'head -c 2000000000 /dev/zero > big; echo "work $?"; head -c 2000000000 /dev/zero > /tmp/big; echo "tmp $?"',
      limits: { fileSize: 1048576, wallTime: 30 },
    })
    assert.match(result.err, /No space left on device/)
    assert.equal(result.out, 'work 1\ntmp 1\n')
    await assertNextRunNormal()
  })

  it('exhausting file descriptors: stops at the open-files rlimit', async () => {
    const result = await run(sandbox, {
      language: 'python',
      source:
        'import os\nfds = []\ntry:\n    while True: fds.append(os.open("/dev/null", os.O_RDONLY))\nexcept OSError as e: print(len(fds), e.errno)',
    })
    const [count, errno] = result.out.trim().split(' ').map(Number)
    assert.ok(count !== undefined && count < 1024, `opened ${count}`)
    assert.equal(errno, 24) // EMFILE
    await assertNextRunNormal()
  })
})
