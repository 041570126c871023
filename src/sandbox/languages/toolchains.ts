/**
 * Settings several language entries share: where Node 24 appears inside the sandbox, how a JVM is told to
 * behave under a pids limit and a small memory cgroup, and the limits JVM toolchains need.
 * Plain data, imported by the entry tables (`core.ts`, `extended.ts`).
 */
import type { Limits } from '../types.ts'

/**
 * Path of Node.js 24 inside the sandbox. The host's Node (the one running Verity, pinned by the project in
 * `node_modules`) is bound read-only there; the system's `/usr/bin/node` may be an older major version.
 */
export const SANDBOX_NODE = '/usr/local/bin/node'

/** `SANDBOX_NODE` → the host binary the runner binds there (the Node running Verity). */
export const NODE_BINDS: Record<string, string> = { [SANDBOX_NODE]: process.execPath }

/** A JVM (and the compilers running on one) needs more threads and memory than a C program. */
export const JVM_MINIMUM_LIMITS: Partial<Limits> = { processes: 64, memory: 524288 }

/**
 * JVM flags for short programs in a small sandbox: one GC thread (SerialGC) and one JIT tier keep the thread
 * count far under the pids limit and start-up fast; no perf-data file in /tmp; a class-data-sharing archive
 * when the JDK ships one. The sandbox hides the cgroup, so the JVM would size its heap from the host's RAM and
 * be killed at the memory limit instead of throwing OutOfMemoryError: it is told the JVM languages' memory.
 */
export const JVM_FLAGS = [
  `-XX:MaxRAM=${JVM_MINIMUM_LIMITS.memory}k`,
  '-XX:MaxRAMPercentage=75',
  '-XX:+UseSerialGC',
  '-XX:TieredStopAtLevel=1',
  '-XX:CICompilerCount=1',
  '-XX:-UsePerfData',
  '-Xshare:auto',
  '-Xss8m',
]

/**
 * Binds of host files outside /usr that a toolchain reads and the sandbox's minimal /etc (and absent /var)
 * lack: Debian keeps e.g. the JDK's `java.security`, R's `Renviron` and GHC's package database there and links
 * them from /usr. Each path appears at the same place, read-only.
 */
export function hostPathBinds(...paths: string[]): Record<string, string> {
  return Object.fromEntries(paths.map((path) => [path, path]))
}

/** The JDK's configuration (security properties, CA store link): every JVM language binds it. */
export const JDK_BINDS = hostPathBinds('/etc/java-17-openjdk')

/**
 * The BEAM's JIT (OTP 25) maps its code through a memfd it grows with ftruncate, which RLIMIT_FSIZE counts:
 * Erlang and Elixir need a file-size limit above that (the work dir's own size limit still caps real files).
 */
export const BEAM_MINIMUM_LIMITS: Partial<Limits> = { fileSize: 65536 }

/** Environment for toolchains that insist on a writable home (caches, history files): the fresh /tmp. */
export const TMP_HOME = { HOME: '/tmp' }
