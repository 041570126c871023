import { readdirSync, readFileSync } from 'node:fs'
/**
 * Shared set-up for the sandbox's end-to-end tests: a real sandbox (bubblewrap, cgroups, seccomp) with the
 * registry's own entries for a few languages, so tests do not wait for the detection of every toolchain.
 */

import type { SandboxConfig } from '../../src/config/sandbox.ts'
import {
  createSandbox,
  type ExecuteRequest,
  type ExecuteResult,
  type Sandbox,
} from '../../src/sandbox/index.ts'
import { coreLanguages } from '../../src/sandbox/languages/index.ts'

/** Registry entries used by the tests (plain data from src/sandbox/languages). */
export const TEST_LANGUAGES = coreLanguages.filter((language) =>
  ['python', 'bash', 'c', 'cpp', 'javascript'].includes(language.id),
)

/** A sandbox for one test file; small pool so parallel test files do not crowd the machine. */
export function testSandbox(config: Partial<SandboxConfig> = {}): Sandbox {
  return createSandbox({ prestart: 1, concurrency: 2, ...config }, { languages: TEST_LANGUAGES })
}

export function text(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString()
}

/** Runs and returns stdout as text along with the result. */
export async function run(
  sandbox: Sandbox,
  request: ExecuteRequest,
): Promise<ExecuteResult & { out: string; err: string }> {
  const result = await sandbox.execute(request)
  return { ...result, out: text(result.stdout.bytes), err: text(result.stderr.bytes) }
}

/** Asserts-friendly check that a sandbox still runs ordinary code normally after a hostile run. */
export async function nextRunIsNormal(
  sandbox: Sandbox,
): Promise<ExecuteResult & { out: string; err: string }> {
  return run(sandbox, {
    language: 'python',
    source: 'import os\nprint("ok", len(os.listdir("/tmp")), len(os.listdir(".")))',
  })
}

/** Host pids whose command line contains `marker` (a sandboxed process that escaped would show up here). */
export function hostProcessesMatching(marker: string): number[] {
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'latin1').includes(marker)) pids.push(Number(entry))
    } catch {
      // the process ended while we looked
    }
  }
  return pids
}

/** Waits up to `ms` for every process carrying `marker` to be gone (killed processes take a moment to be reaped). */
export async function waitForNoProcesses(marker: string, ms = 2000): Promise<number[]> {
  const deadline = Date.now() + ms
  let left = hostProcessesMatching(marker)
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20))
    left = hostProcessesMatching(marker)
  }
  return left
}
