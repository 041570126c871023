/**
 * The bubblewrap command line of a sandbox: every namespace, read-only system directories, a minimal /etc,
 * fresh size-limited tmpfs for the work dir, /tmp and /dev/shm, fresh /proc, minimal /dev, nothing of the host's
 * home, project, data directory or environment.
 */
import { lstatSync, readlinkSync } from 'node:fs'

/** Where things appear inside the sandbox. */
export const SANDBOX_PATHS = {
  workdir: '/box',
  supervisor: '/opt/verity/supervisor',
} as const

/** uid/gid of the program inside the sandbox (named `sandbox` in the generated /etc/passwd). */
export const SANDBOX_UID = 1000

/** What toolchains need of /etc: the loader cache, Debian alternatives, TLS roots, name service config, zone. */
const ETC_FILES = [
  '/etc/ld.so.cache',
  '/etc/ld.so.conf',
  '/etc/ld.so.conf.d',
  '/etc/alternatives',
  '/etc/ssl/certs',
  '/etc/ssl/openssl.cnf',
  '/etc/nsswitch.conf',
  '/etc/localtime',
  '/etc/mime.types',
]
const ETC_NETWORK_FILES = ['/etc/resolv.conf', '/etc/hosts', '/etc/host.conf', '/etc/gai.conf']
const SYSTEM_DIRECTORIES = ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32']

export interface BwrapOptions {
  supervisor: string
  /** Sandbox path → host path, bound read-only (e.g. Node 24 from node_modules). */
  binds: Record<string, string>
  network: boolean
  workdirKb: number
  tmpKb: number
  /** Host files for the sandbox's /etc/passwd and /etc/group. */
  passwd: string
  group: string
  /** fd number (in bwrap) that carries the seccomp program. */
  seccompFd: number
}

/** argv after `bwrap`, ending with the supervisor waiting for its request. */
export function bwrapArguments(options: BwrapOptions): string[] {
  const args = [
    '--unshare-user',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--unshare-cgroup',
    ...(options.network ? [] : ['--unshare-net']),
    '--disable-userns',
    '--die-with-parent',
    '--new-session',
    '--clearenv',
    '--uid',
    String(SANDBOX_UID),
    '--gid',
    String(SANDBOX_UID),
    '--hostname',
    'sandbox',
    '--ro-bind',
    '/usr',
    '/usr',
  ]
  for (const directory of SYSTEM_DIRECTORIES) {
    const kind = pathKind(directory)
    // On merged-/usr systems these are symlinks into /usr: recreate the link rather than binding its target twice.
    if (kind === 'symlink') args.push('--symlink', readlinkSync(directory), directory)
    else if (kind === 'directory') args.push('--ro-bind', directory, directory)
  }
  // A fresh /usr/local: hides whatever the host installed there and gives bind targets a writable place.
  if (pathKind('/usr/local') === 'directory') args.push('--tmpfs', '/usr/local')
  for (const path of [...ETC_FILES, ...(options.network ? ETC_NETWORK_FILES : [])])
    args.push('--ro-bind-try', path, path)
  args.push('--ro-bind', options.passwd, '/etc/passwd', '--ro-bind', options.group, '/etc/group')
  for (const [target, source] of Object.entries(options.binds)) args.push('--ro-bind', source, target)
  args.push('--ro-bind', options.supervisor, SANDBOX_PATHS.supervisor)
  if (pathKind('/usr/local') === 'directory') args.push('--remount-ro', '/usr/local')
  args.push(
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--perms',
    '01777',
    '--size',
    String(options.tmpKb * 1024),
    '--tmpfs',
    '/tmp',
    '--perms',
    '01777',
    '--size',
    String(options.tmpKb * 1024),
    '--tmpfs',
    '/dev/shm',
    // The fresh /dev stays fixed (device nodes still work); /dev/shm above is its own writable mount.
    '--remount-ro',
    '/dev',
    '--perms',
    '0755',
    '--size',
    String(options.workdirKb * 1024),
    '--tmpfs',
    SANDBOX_PATHS.workdir,
    '--chdir',
    SANDBOX_PATHS.workdir,
    '--remount-ro',
    '/',
    '--seccomp',
    String(options.seccompFd),
    SANDBOX_PATHS.supervisor,
    'run',
  )
  return args
}

/** Bind targets must live under a writable parent inside the sandbox (the root tmpfs or the fresh /usr/local), never over the sandbox's own mounts. */
export function checkBindTarget(target: string): string | null {
  if (!target.startsWith('/') || target.split('/').includes('..'))
    return `bind target ${target} must be an absolute path`
  if (target.startsWith('/usr/') && !target.startsWith('/usr/local/')) {
    return `bind target ${target} is inside the read-only /usr; use /usr/local/… or /opt/…`
  }
  // Toolchain configuration under /etc (the JDK's security properties, R's Renviron…) may be bound; the
  // sandbox's own /etc entries may not be replaced.
  const etc = ['/etc/passwd', '/etc/group', ...ETC_FILES, ...ETC_NETWORK_FILES]
  const reserved = [SANDBOX_PATHS.workdir, '/tmp', '/proc', '/dev', ...etc, SANDBOX_PATHS.supervisor]
  if (target === '/etc' || reserved.some((path) => target === path || target.startsWith(`${path}/`)))
    return `bind target ${target} is reserved by the sandbox`
  return null
}

function pathKind(path: string): 'symlink' | 'directory' | 'other' | 'missing' {
  try {
    const stat = lstatSync(path)
    return stat.isSymbolicLink() ? 'symlink' : stat.isDirectory() ? 'directory' : 'other'
  } catch {
    return 'missing'
  }
}
