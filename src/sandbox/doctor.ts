/**
 * `verity doctor`'s sandbox checks: each one passes or fails with why and how to fix it.
 */
import type { SandboxConfig } from '../config/sandbox.ts'
import type { HostEnvironment } from './host.ts'
import { INSTALL_HINT } from './host.ts'

export interface DoctorCheck {
  name: string
  ok: boolean
  /** What was found, or why it failed. */
  detail: string
  /** How to fix a failed check. */
  fix?: string
}

export interface DoctorReport {
  /** True when untrusted code can run isolated. */
  ready: boolean
  isolation: SandboxConfig['isolation']
  checks: DoctorCheck[]
}

/** Builds the report from the probed host, or from the error that stopped probing. */
export function diagnose(config: SandboxConfig, host: HostEnvironment | Error): DoctorReport {
  if (host instanceof Error) {
    return {
      ready: false,
      isolation: config.isolation,
      checks: [{ name: 'isolation', ok: false, detail: host.message, fix: INSTALL_HINT }],
    }
  }
  const checks: DoctorCheck[] = []
  if (config.isolation === 'none') {
    checks.push({
      name: 'isolation',
      ok: false,
      detail:
        'isolation is "none": UNTRUSTED CODE RUNS UNSANDBOXED with your privileges (trusted local development only)',
      fix: 'remove `sandbox.isolation: none` from verity.yaml',
    })
  } else {
    const probe = host.isolationProbe
    checks.push({
      name: 'bubblewrap',
      ok: probe.bwrapPath !== null,
      detail: probe.bwrapPath ? `${probe.bwrapPath} ${probe.bwrapVersion ?? ''}`.trim() : 'not installed',
      fix: 'apt-get install bubblewrap',
    })
    checks.push({
      name: 'user namespaces',
      ok: probe.userNamespaces,
      detail: probe.userNamespaces
        ? `available${host.dropToUid !== null ? ` (running as root: sandboxes run as uid ${host.dropToUid})` : ''}`
        : (probe.problem ?? 'unavailable'),
      fix: INSTALL_HINT,
    })
    checks.push({
      name: 'seccomp',
      ok: true,
      detail:
        'filter built in (x86_64, aarch64): namespaces, mount, ptrace, bpf, keyctl, perf, io_uring, kexec, modules, non-UNIX sockets when offline',
    })
  }
  const cgroups = host.cgroups
  checks.push({
    name: 'cgroups',
    ok: cgroups !== null,
    detail: cgroups
      ? `cgroup v${cgroups.version}: ${cgroups.controllers.join(', ')} under ${Object.values(cgroups.parents).join(', ')}${cgroups.version === 1 && !cgroups.swapAccounting ? ' (no swap accounting)' : ''}`
      : `unavailable: ${host.cgroupProbe.problems.join('; ')} — memory and process limits are NOT enforced`,
    fix: 'run Verity as root, or in a delegated cgroup v2 subtree: systemd-run --user --scope -p Delegate=yes verity …',
  })
  if (cgroups && host.cgroupProbe.problems.length > 0) {
    checks.push({
      name: 'cgroups (other hierarchies)',
      ok: true,
      detail: host.cgroupProbe.problems.join('; '),
    })
  }
  checks.push({ name: 'supervisor', ok: true, detail: host.supervisor })
  const ready =
    config.isolation === 'bubblewrap' &&
    checks.every((check) => check.ok || check.name === 'cgroups (other hierarchies)')
  return {
    ready,
    isolation: config.isolation,
    checks: checks.map((check) => (check.ok ? { name: check.name, ok: true, detail: check.detail } : check)),
  }
}
