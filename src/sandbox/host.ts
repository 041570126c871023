/**
 * What this host offers the sandbox, probed once: bubblewrap, user namespaces, cgroups, the supervisor binary.
 * Also builds each sandbox's command line and owns the small runtime directory with its /etc/passwd and /etc/group.
 */
import { execFile } from 'node:child_process'
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { SandboxConfig } from '../config/sandbox.ts'
import { bwrapArguments, SANDBOX_UID } from './bwrap.ts'
import { type CgroupProbe, type CgroupSupport, probeCgroups } from './cgroups.ts'
import { SandboxUnavailableError } from './errors.ts'
import { supervisorBinary } from './supervisor/build.ts'

const run = promisify(execFile)

/** The uid bwrap runs as when Verity runs as root: root's sandboxes then own nothing on the host. */
export const UNPRIVILEGED_UID = 65534

export const INSTALL_HINT =
  'Install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap, or run scripts/setup) and allow unprivileged ' +
  'user namespaces (sysctl -w kernel.unprivileged_userns_clone=1 on Debian kernels; on Ubuntu 24.04+ also ' +
  'sysctl -w kernel.apparmor_restrict_unprivileged_userns=0, or add an AppArmor profile for bwrap). ' +
  'For trusted local development only, `sandbox: { isolation: none }` runs code without isolation.'

export interface IsolationProbe {
  bwrapPath: string | null
  bwrapVersion: string | null
  userNamespaces: boolean
  /** Why isolation is unavailable, when it is. */
  problem: string | null
}

export interface SandboxCommand {
  argv: string[]
  cwd: string
  /** False for `isolation: none`: no seccomp, no namespaces. */
  isolated: boolean
  cleanup: () => Promise<void>
}

export interface HostEnvironment {
  isolation: 'bubblewrap' | 'none'
  supervisor: string
  cgroups: CgroupSupport | null
  cgroupProbe: CgroupProbe
  isolationProbe: IsolationProbe
  /** uid/gid bwrap drops to (root hosts), or null to run as the current user. */
  dropToUid: number | null
  command(options: { binds: Record<string, string>; network: boolean }): Promise<SandboxCommand>
  /** Keeps background clean-up (a used sandbox's cgroup removal) so `close()` can wait for it. */
  track(work: Promise<unknown>): void
  close(): Promise<void>
}

/** Probes bubblewrap by starting a trivial sandbox with a user namespace, as the uid sandboxes will run as. */
export async function probeIsolation(
  bwrap: string,
  dropToUid: number | null,
  supervisor: string,
): Promise<IsolationProbe> {
  const found = await run('sh', ['-c', 'command -v "$1"', 'sh', bwrap]).then(
    ({ stdout }) => stdout.trim(),
    () => null,
  )
  if (!found)
    return {
      bwrapPath: null,
      bwrapVersion: null,
      userNamespaces: false,
      problem: `bubblewrap (${bwrap}) is not installed`,
    }
  const version = await run(found, ['--version']).then(
    ({ stdout }) => stdout.trim().replace(/^bubblewrap\s*/, ''),
    () => null,
  )
  const user = dropToUid === null ? [] : ['--user', String(dropToUid), String(dropToUid)]
  const trial = [
    supervisor,
    'launch',
    ...user,
    '--',
    found,
    '--unshare-user',
    '--unshare-pid',
    '--unshare-net',
    '--ro-bind',
    '/',
    '/',
    '--proc',
    '/proc',
    '/bin/true',
  ]
  const userNamespaces = await run(trial[0] as string, trial.slice(1), { timeout: 10_000, env: {} }).then(
    () => null,
    (error: Error & { stderr?: string }) => (error.stderr || error.message).trim(),
  )
  return {
    bwrapPath: found,
    bwrapVersion: version,
    userNamespaces: userNamespaces === null,
    problem: userNamespaces === null ? null : `bubblewrap cannot create a user namespace: ${userNamespaces}`,
  }
}

/** Probes the host and prepares the shared runtime directory. Throws SandboxUnavailableError when isolation is missing. */
export async function prepareHost(config: SandboxConfig): Promise<HostEnvironment> {
  const supervisor = await supervisorBinary()
  const dropToUid = process.getuid?.() === 0 ? UNPRIVILEGED_UID : null
  const [cgroupProbe, isolationProbe] = await Promise.all([
    probeCgroups(),
    config.isolation === 'none'
      ? Promise.resolve({
          bwrapPath: null,
          bwrapVersion: null,
          userNamespaces: false,
          problem: 'isolation: none',
        })
      : probeIsolation(config.bwrap, dropToUid, supervisor),
  ])
  if (config.isolation === 'bubblewrap' && isolationProbe.problem) {
    throw new SandboxUnavailableError(
      `refusing to run untrusted code: ${isolationProbe.problem}. ${INSTALL_HINT}`,
    )
  }
  const runtime = await mkdtemp(join(tmpdir(), 'verity-sandbox-'))
  const passwd = join(runtime, 'passwd')
  const group = join(runtime, 'group')
  await writeFile(
    passwd,
    `root:x:0:0:root:/root:/usr/sbin/nologin\nsandbox:x:${SANDBOX_UID}:${SANDBOX_UID}:sandbox:/box:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n`,
    { mode: 0o644 },
  )
  await writeFile(group, `root:x:0:\nsandbox:x:${SANDBOX_UID}:\nnogroup:x:65534:\n`, { mode: 0o644 })
  await chmod(runtime, 0o755)
  const pending = new Set<Promise<void>>()
  return {
    isolation: config.isolation,
    supervisor,
    cgroups: cgroupProbe.support,
    cgroupProbe,
    isolationProbe,
    dropToUid: config.isolation === 'none' ? null : dropToUid,
    async command(options) {
      if (config.isolation === 'none') {
        const workdir = await mkdtemp(join(tmpdir(), 'verity-unsandboxed-'))
        // rm -r never follows symlinks: it removes the link, not its target.
        return {
          argv: [supervisor, 'run'],
          cwd: workdir,
          isolated: false,
          cleanup: () => rm(workdir, { recursive: true, force: true }),
        }
      }
      const argv = bwrapArguments({
        supervisor,
        binds: options.binds,
        network: options.network,
        workdirKb: config.workdirSize,
        tmpKb: config.tmpSize,
        passwd,
        group,
        seccompFd: 5,
      })
      return {
        argv: [isolationProbe.bwrapPath as string, ...argv],
        cwd: '/',
        isolated: true,
        cleanup: async () => {},
      }
    },
    track(work) {
      const settled: Promise<void> = work.then(
        () => {},
        () => {},
      )
      pending.add(settled)
      void settled.then(() => pending.delete(settled))
    },
    async close() {
      await Promise.all(pending)
      await rm(runtime, { recursive: true, force: true })
    },
  }
}
