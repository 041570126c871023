/**
 * Proves each seccomp rule inside the real sandbox: a program attempts the syscall with arguments for which the
 * kernel itself would answer something other than EPERM (EFAULT, EBADF, EINVAL, ESRCH…), so EPERM shows the filter
 * refused it. A few calls (pivot_root, kexec, modules, fsopen) are refused by capability checks too; for those the
 * filter is also proven by the BPF interpreter in src/sandbox/seccomp/filter.test.ts.
 */
import assert from 'node:assert/strict'
import { arch } from 'node:os'
import { after, describe, it } from 'node:test'
import { run, testSandbox } from './helpers.ts'

const EPERM = 1
const ENOSYS = 38
const sandbox = testSandbox()
after(() => sandbox.close())

/** name → [x86_64 number, args]. Pointer 1 is an invalid address (EFAULT if the kernel ever looked). */
const DENIED: Record<string, [number, number[]]> = {
  unshare: [272, [0x1]], // invalid flag: EINVAL if allowed
  setns: [308, [-1, 0]], // EBADF if allowed
  'clone with CLONE_NEWUSER': [56, [0x10000000 | 0x00010000, 0, 0, 0, 0]], // NEWUSER|THREAD: EINVAL if allowed
  'clone with CLONE_NEWNET': [56, [0x40000000 | 0x00010000, 0, 0, 0, 0]],
  mount: [165, [1, 1, 1, 0, 0]], // EFAULT if allowed
  umount2: [166, [1, 0]], // EFAULT if allowed
  pivot_root: [155, [1, 1]],
  open_tree: [428, [-1, 1, 0]],
  move_mount: [429, [-1, 1, -1, 1, 0]],
  fsopen: [430, [1, 0]],
  mount_setattr: [442, [-1, 1, 0, 1, 0]],
  ptrace: [101, [2, 999999, 0, 0]], // PEEKDATA of a missing pid: ESRCH if allowed
  process_vm_readv: [310, [999999, 0, 0, 0, 0, 0]], // ESRCH if allowed
  process_vm_writev: [311, [999999, 0, 0, 0, 0, 0]],
  bpf: [321, [999, 0, 0]],
  keyctl: [250, [999, 0, 0, 0, 0]], // EOPNOTSUPP if allowed
  add_key: [248, [1, 1, 0, 0, 0]], // EFAULT if allowed
  request_key: [249, [1, 1, 0, 0]],
  perf_event_open: [298, [1, 0, -1, -1, 0]], // EFAULT if allowed
  io_uring_setup: [425, [0, 1]], // EINVAL/EFAULT if allowed
  io_uring_enter: [426, [-1, 0, 0, 0, 0, 0]], // EBADF if allowed
  io_uring_register: [427, [-1, 0, 0, 0]],
  kexec_load: [246, [0, 0, 0, 0]],
  kexec_file_load: [320, [-1, -1, 0, 0, 0]],
  init_module: [175, [1, 0, 1]],
  finit_module: [313, [-1, 1, 0]],
  delete_module: [176, [1, 0]],
  userfaultfd: [323, [-1]], // EINVAL if allowed
  pidfd_getfd: [438, [-1, 0, 0]], // EBADF if allowed
  'ioctl TIOCSTI': [16, [0, 0x5412, 1]], // ENOTTY on a pipe if allowed
  'socket AF_INET': [41, [2, 1, 0]],
  'socket AF_INET6': [41, [10, 1, 0]],
  'socket AF_NETLINK': [41, [16, 3, 0]],
}

const PROBE = `
import ctypes, json, sys
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
calls = json.loads(sys.stdin.read())
out = {}
for name, (nr, args) in calls.items():
    ctypes.set_errno(0)
    r = libc.syscall(ctypes.c_long(nr), *[ctypes.c_long(a) for a in args])
    out[name] = ctypes.get_errno() if r == -1 else 0
print(json.dumps(out))
`

describe('seccomp inside the sandbox', {
  skip: arch() !== 'x64' ? 'syscall numbers below are x86_64' : false,
}, () => {
  it('refuses each denied syscall with EPERM', async () => {
    const result = await run(sandbox, { language: 'python', source: PROBE, stdin: JSON.stringify(DENIED) })
    assert.equal(result.status.id, 3, result.err)
    const errors = JSON.parse(result.out) as Record<string, number>
    for (const name of Object.keys(DENIED))
      assert.equal(errors[name], EPERM, `${name} returned errno ${errors[name]}`)
  })

  it('answers clone3 with ENOSYS, while fork, threads and AF_UNIX sockets keep working', async () => {
    const source = `${PROBE}
import os, threading, socket
pid = os.fork()
if pid == 0: os._exit(7)
_, status = os.waitpid(pid, 0)
results = []
t = threading.Thread(target=lambda: results.append('thread')); t.start(); t.join()
a, b = socket.socketpair(); a.send(b'x')
print(os.WEXITSTATUS(status), results[0], b.recv(1).decode(), socket.socket(socket.AF_UNIX).family.name)
`
    const result = await run(sandbox, {
      language: 'python',
      source,
      stdin: JSON.stringify({ clone3: [435, [0, 0]] }),
    })
    const [first, second] = result.out.trim().split('\n')
    assert.deepEqual(JSON.parse(first ?? '{}'), { clone3: ENOSYS })
    assert.equal(second, '7 thread x AF_UNIX')
  })

  it('allows internet sockets when the request turns the network on', async () => {
    const result = await run(sandbox, {
      language: 'python',
      source: PROBE,
      stdin: JSON.stringify({ 'socket AF_INET': [41, [2, 1, 0]], ptrace: [101, [2, 999999, 0, 0]] }),
      network: true,
    })
    const errors = JSON.parse(result.out) as Record<string, number>
    assert.equal(errors['socket AF_INET'], 0)
    assert.equal(errors.ptrace, EPERM)
  })
})
