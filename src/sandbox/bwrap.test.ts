import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { bwrapArguments, checkBindTarget, SANDBOX_PATHS } from './bwrap.ts'

const base = {
  supervisor: '/cache/verity-supervisor',
  binds: { '/usr/local/bin/node': '/project/node_modules/node/bin/node' },
  network: false,
  workdirKb: 1024,
  tmpKb: 2048,
  passwd: '/run/passwd',
  group: '/run/group',
  seccompFd: 5,
}

/** The value following a flag, for flags given once. */
function after(args: string[], flag: string): string | undefined {
  const index = args.indexOf(flag)
  return index < 0 ? undefined : args[index + 1]
}

describe('bwrapArguments', () => {
  const args = bwrapArguments(base)
  it('unshares every namespace and isolates the session and environment', () => {
    for (const flag of [
      '--unshare-user',
      '--unshare-pid',
      '--unshare-net',
      '--unshare-ipc',
      '--unshare-uts',
      '--unshare-cgroup',
      '--disable-userns',
      '--die-with-parent',
      '--new-session',
      '--clearenv',
    ]) {
      assert.ok(args.includes(flag), flag)
    }
    assert.equal(after(args, '--uid'), '1000')
  })
  it('keeps the network namespace of the host only when asked', () => {
    assert.ok(!bwrapArguments({ ...base, network: true }).includes('--unshare-net'))
    assert.ok(bwrapArguments({ ...base, network: true }).includes('/etc/resolv.conf'))
    assert.ok(!args.includes('/etc/resolv.conf'))
  })
  it('binds nothing of the host but system directories, a minimal /etc and the given files', () => {
    const sources: string[] = []
    for (let index = 0; index < args.length; index++) {
      if (args[index] === '--ro-bind' || args[index] === '--ro-bind-try')
        sources.push(args[index + 1] as string)
      assert.notEqual(args[index], '--bind', 'no writable host bind')
    }
    for (const source of sources) {
      const allowed =
        /^\/(usr|bin|sbin|lib|lib32|lib64|libx32)$/.test(source) ||
        source.startsWith('/etc/') ||
        Object.values(base.binds).includes(source) ||
        [base.supervisor, base.passwd, base.group].includes(source)
      assert.ok(allowed, `unexpected bind of ${source}`)
    }
    assert.ok(!sources.includes('/etc'), 'never the whole /etc')
    assert.ok(!sources.some((source) => source.startsWith('/etc/shadow')))
  })
  it('gives fresh, size-limited tmpfs for the work dir, /tmp and /dev/shm, then a read-only root', () => {
    const tmpfs = args.flatMap((arg, index) =>
      arg === '--tmpfs' ? [[args[index - 1], args[index + 1]]] : [],
    )
    assert.ok(tmpfs.some(([size, path]) => path === SANDBOX_PATHS.workdir && size === String(1024 * 1024)))
    assert.ok(tmpfs.some(([size, path]) => path === '/tmp' && size === String(2048 * 1024)))
    assert.ok(tmpfs.some(([size, path]) => path === '/dev/shm' && size === String(2048 * 1024)))
    assert.equal(after(args, '--chdir'), SANDBOX_PATHS.workdir)
    assert.equal(after(args, '--remount-ro'), '/usr/local')
    assert.ok(args.includes('/'))
  })
  it('loads seccomp from the given fd and ends with the supervisor', () => {
    assert.equal(after(args, '--seccomp'), '5')
    assert.deepEqual(args.slice(-2), [SANDBOX_PATHS.supervisor, 'run'])
  })
})

describe('checkBindTarget', () => {
  it('accepts targets under writable parents', () => {
    assert.equal(checkBindTarget('/usr/local/bin/node'), null)
    assert.equal(checkBindTarget('/opt/tool'), null)
    assert.equal(checkBindTarget('/etc/java-17-openjdk'), null)
  })
  it('refuses to replace the sandbox’s own /etc entries', () => {
    assert.match(checkBindTarget('/etc') ?? '', /reserved/)
    assert.match(checkBindTarget('/etc/passwd') ?? '', /reserved/)
    assert.match(checkBindTarget('/etc/ssl/certs/ca.pem') ?? '', /reserved/)
  })
  it('refuses targets inside the read-only /usr or relative ones', () => {
    assert.match(checkBindTarget('/usr/bin/node') ?? '', /read-only/)
    assert.match(checkBindTarget('bin/node') ?? '', /absolute/)
  })
})
