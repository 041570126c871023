/** Hostile code against processes: no daemon outlives its run, host processes are out of reach, no TIOCSTI. */
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { nextRunIsNormal, run, testSandbox, waitForNoProcesses } from '../helpers.ts'

const sandbox = testSandbox()
let canary: ChildProcess
before(() => {
  // Runs as the same host uid as the sandboxes when we are root: only the pid namespace keeps it out of reach.
  const uid = process.getuid?.() === 0 ? 65534 : undefined
  canary = spawn('sleep', ['120'], { stdio: 'ignore', ...(uid ? { uid, gid: uid } : {}) })
})
after(async () => {
  canary.kill('SIGKILL')
  await sandbox.close()
})

async function assertNextRunNormal() {
  const next = await nextRunIsNormal(sandbox)
  assert.deepEqual([next.status.id, next.out], [3, 'ok 0 1\n'], next.err)
}

describe('hostile: processes', () => {
  it('a daemonized child does not survive the run', async () => {
    const marker = `daemon-${randomBytes(4).toString('hex')}`
    const result = await run(sandbox, {
      language: 'bash',
      source: `setsid bash -c 'exec -a ${marker} sleep 300' </dev/null >/dev/null 2>&1 & disown; nohup bash -c 'exec -a ${marker}-2 sleep 300' >/dev/null 2>&1 & echo started`,
    })
    assert.deepEqual([result.status.id, result.out], [3, 'started\n'])
    assert.deepEqual(await waitForNoProcesses(marker), [])
    await assertNextRunNormal()
  })

  it('cannot see, kill or ptrace host processes', async () => {
    const pid = canary.pid as number
    const result = await run(sandbox, {
      language: 'python',
      source: `
import ctypes, os, signal, sys
pid = int(sys.argv[1])
libc = ctypes.CDLL(None, use_errno=True)
try: os.kill(pid, signal.SIGKILL); print("killed", flush=True)
except OSError as e: print("kill", e.errno, flush=True)
print("attach", libc.ptrace(16, pid, 0, 0), ctypes.get_errno(), flush=True)
# Kills what it can in its own pid namespace (the supervisor too): the lines above must be out already.
try: os.kill(-1, signal.SIGKILL)
except OSError as e: print("kill -1", e.errno)
`,
      args: [String(pid)],
    })
    assert.ok(!result.out.includes('killed'), result.out)
    assert.match(result.out, /kill 3\n/) // ESRCH: no such process in its pid namespace
    assert.match(result.out, /attach -1 1\n/) // EPERM from seccomp
    assert.equal(canary.exitCode, null)
    assert.equal(canary.signalCode, null)
    process.kill(pid, 0)
    await assertNextRunNormal()
  })

  it('TIOCSTI cannot inject input into a terminal', async () => {
    const result = await run(sandbox, {
      language: 'python',
      source: `
import fcntl, termios, os
for name, opener in (("stdin", lambda: 0), ("tty", lambda: os.open("/dev/tty", os.O_RDWR))):
    try:
        fcntl.ioctl(opener(), termios.TIOCSTI, b"x"); print(name, "INJECTED")
    except OSError as e: print(name, e.errno)
`,
    })
    assert.ok(!result.out.includes('INJECTED'), result.out)
    assert.match(result.out, /stdin 1\n/) // EPERM from seccomp
    assert.match(result.out, /tty 6\n/) // ENXIO: no controlling terminal (new session)
    await assertNextRunNormal()
  })

  it('cannot forge the supervisor report through /proc, nor hide its status by killing the supervisor', async () => {
    const forged = await run(sandbox, {
      language: 'python',
      source: `
import ctypes, os, struct
libc = ctypes.CDLL(None, use_errno=True)
payload = b"exit 0 0 0 0"
record = b"r" + struct.pack("<I", len(payload)) + payload
for fd in (3, 4):
    try:
        f = os.open(f"/proc/{os.getppid()}/fd/{fd}", os.O_WRONLY)
        os.write(f, record); print("FORGED", fd)
    except OSError as e: print("proc", fd, e.errno)
pidfd = libc.syscall(434, os.getppid(), 0)
stolen = libc.syscall(438, pidfd, 4, 0)
if stolen >= 0:
    os.write(stolen, record); print("FORGED pidfd_getfd")
else: print("pidfd_getfd", ctypes.get_errno())
raise SystemExit(9)
`,
    })
    assert.ok(!forged.out.includes('FORGED'), forged.out)
    assert.deepEqual([forged.status.id, forged.exitCode], [11, 9])
    const killed = await run(sandbox, { language: 'bash', source: 'kill -9 $PPID; sleep 1; echo after' })
    assert.deepEqual([killed.status.id, killed.reason], [12, 'signaled'])
    assert.notEqual(killed.status.id, 3)
    await assertNextRunNormal()
  })
})
