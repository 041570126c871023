/**
 * `verity doctor`: what isolation this host offers the sandbox — bubblewrap, user namespaces, cgroup version and
 * controllers, seccomp — each check ✓ or ✗ with why and how to fix it. Exits 1 when untrusted code cannot run.
 */
import { Command } from 'commander'
import { loadConfig } from '../../config/index.ts'
import { createSandbox, type DoctorReport } from '../../sandbox/index.ts'

export function formatDoctorReport(report: DoctorReport): string {
  const lines = report.checks.map((check) => {
    const line = `${check.ok ? '✓' : '✗'} ${check.name}: ${check.detail}`
    return check.ok || !check.fix ? line : `${line}\n    fix: ${check.fix}`
  })
  if (report.isolation === 'none')
    lines.unshift(
      '!!! sandbox isolation is NONE: untrusted code runs unsandboxed (trusted local development only) !!!',
    )
  lines.push(
    report.ready ? 'sandbox: ready to run untrusted code' : 'sandbox: NOT ready to run untrusted code',
  )
  return lines.join('\n')
}

/** Builds the `doctor` sub-command. */
export function doctorCommand(): Command {
  return new Command('doctor')
    .description(
      'Check the sandbox isolation this machine offers (bubblewrap, user namespaces, cgroups, seccomp).',
    )
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const config = loadConfig({ path: command.optsWithGlobals().config })
      const sandbox = createSandbox({ ...config.sandbox, prestart: 0 })
      try {
        const report = await sandbox.doctor()
        process.stdout.write(
          options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatDoctorReport(report)}\n`,
        )
        process.exitCode = report.ready ? 0 : 1
      } finally {
        await sandbox.close()
      }
    })
}
