/**
 * Per-run cgroups for memory (swap included), pids and CPU accounting, on cgroup v2 or v1 — whichever the host
 * gives us with the controllers we need. Each run gets its own group, removed after the run.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

// cgroupfs files are tiny and live in memory: a synchronous call costs microseconds, while a thread-pool round
// trip per file costs more CPU than the sandbox's whole start-up. Async wrappers keep errors as rejections.
const mkdir = async (path: string, options?: { recursive: boolean }) => {
  mkdirSync(path, options)
}
const rmdir = async (path: string) => rmdirSync(path)
const writeFile = async (path: string, data: string) => writeFileSync(path, data)

export interface CgroupSupport {
  version: 1 | 2
  /** Controllers in use, e.g. `memory pids cpu`. */
  controllers: string[]
  /** Where runs' groups are created: one directory per controller hierarchy (one for v2). */
  parents: Record<string, string>
  /** v1 only: whether swap accounting exists (memsw). */
  swapAccounting: boolean
}

export interface CgroupUsage {
  /** CPU seconds of everything in the group. */
  cpuSeconds: number
  /** Peak memory in KB (0 when the kernel does not say). */
  peakMemoryKb: number
  oomKilled: boolean
  pidsLimitHit: boolean
}

/** Why cgroups cannot be used here, for `verity doctor`. */
export interface CgroupProbe {
  support: CgroupSupport | null
  problems: string[]
}

const REQUIRED = ['memory', 'pids'] as const

/** Where each hierarchy is mounted and where this process sits in it. */
export interface HierarchyPlan {
  v2?: { mountPath: string; own: string }
  v1: Record<string, { mountPath: string; own: string }>
}

const V1_CONTROLLERS = ['memory', 'pids', 'cpuacct'] as const

/** Reads `/proc/self/mounts` and `/proc/self/cgroup` (as text) into the hierarchies we could use. Pure. */
export function locateHierarchies(mountsText: string, membershipText: string): HierarchyPlan {
  const mounts = parseMounts(mountsText)
  const membership = parseMembership(membershipText)
  const plan: HierarchyPlan = { v1: {} }
  const v2 = mounts.find((mount) => mount.type === 'cgroup2')
  if (v2) plan.v2 = { mountPath: v2.path, own: membership.get('') ?? '/' }
  for (const controller of V1_CONTROLLERS) {
    const mount = mounts.find((m) => m.type === 'cgroup' && m.options.split(',').includes(controller))
    if (!mount) continue
    // /proc/self/cgroup names a v1 hierarchy by its controllers, e.g. `cpu,cpuacct`.
    const line = [...membership.keys()].find((key) => key.split(',').includes(controller))
    plan.v1[controller] = { mountPath: mount.path, own: (line && membership.get(line)) || '/' }
  }
  return plan
}

/** Finds a cgroup hierarchy we can create run groups in: v2 first (when it has memory+pids), then v1. */
export async function probeCgroups(): Promise<CgroupProbe> {
  const problems: string[] = []
  const plan = locateHierarchies(
    readFileSync('/proc/self/mounts', 'utf8'),
    readFileSync('/proc/self/cgroup', 'utf8'),
  )
  if (plan.v2) {
    const { mountPath, own } = plan.v2
    const available = (await readText(join(mountPath, own, 'cgroup.controllers')))
      .split(/\s+/)
      .filter(Boolean)
    const missing = REQUIRED.filter((controller) => !available.includes(controller))
    if (missing.length > 0) {
      problems.push(`cgroup v2 at ${mountPath} lacks the ${missing.join(' and ')} controller(s)`)
    } else {
      const parent = await prepareV2Parent(mountPath, own, available).catch((error: Error) => {
        problems.push(`cgroup v2 at ${mountPath}: ${error.message}`)
        return null
      })
      if (parent) {
        const controllers = ['memory', 'pids', ...(available.includes('cpu') ? ['cpu'] : [])]
        return {
          support: { version: 2, controllers, parents: { unified: parent }, swapAccounting: true },
          problems,
        }
      }
    }
  }
  const parents: Record<string, string> = {}
  for (const [controller, { mountPath, own }] of Object.entries(plan.v1)) {
    const parent = await prepareV1Parent(mountPath, own).catch((error: Error) => {
      problems.push(`cgroup v1 ${controller} at ${mountPath}: ${error.message}`)
      return null
    })
    if (parent) parents[controller] = parent
  }
  const missing = REQUIRED.filter((controller) => !parents[controller])
  if (missing.length > 0) {
    problems.push(`no usable cgroup v1 ${missing.join(' or ')} hierarchy`)
    return { support: null, problems }
  }
  const swapAccounting = await readText(join(parents.memory as string, 'memory.memsw.limit_in_bytes')).then(
    Boolean,
  )
  return { support: { version: 1, controllers: Object.keys(parents), parents, swapAccounting }, problems }
}

/** Root may use a top-level `verity` group; a delegated user tree gets its own subgroup (processes moved to a leaf). */
async function prepareV2Parent(mountPath: string, own: string, available: string[]): Promise<string> {
  const enable = `+memory +pids${available.includes('cpu') ? ' +cpu' : ''}`
  const candidates = [join(mountPath, 'verity'), join(mountPath, own, 'verity')]
  let lastError: unknown
  for (const candidate of candidates) {
    try {
      const parentOfCandidate = join(candidate, '..')
      if (candidate !== candidates[0]) {
        // "No internal processes": our own group must be emptied into a leaf before it can delegate controllers.
        const leaf = join(parentOfCandidate, 'verity-host')
        await mkdir(leaf, { recursive: true })
        await writeFile(join(leaf, 'cgroup.procs'), String(process.pid))
      }
      await writeFile(join(parentOfCandidate, 'cgroup.subtree_control'), enable)
      await mkdir(candidate, { recursive: true })
      await writeFile(join(candidate, 'cgroup.subtree_control'), enable)
      return candidate
    } catch (error) {
      lastError = error
    }
  }
  throw new Error(`cannot create a delegated group (${(lastError as Error).message})`)
}

async function prepareV1Parent(mountPath: string, own: string): Promise<string> {
  let lastError: unknown
  for (const candidate of [join(mountPath, 'verity'), join(mountPath, own, 'verity')]) {
    try {
      await mkdir(candidate, { recursive: true })
      const probe = join(candidate, `probe-${process.pid}`)
      await mkdir(probe)
      await rmdir(probe)
      return candidate
    } catch (error) {
      lastError = error
    }
  }
  throw new Error(`not writable (${(lastError as Error).message})`)
}

/** One run's group (a directory per hierarchy). Create, limit, join via `procsFiles`, read usage, kill, remove. */
export class RunCgroup {
  readonly support: CgroupSupport
  readonly directories: Record<string, string>

  private constructor(support: CgroupSupport, directories: Record<string, string>) {
    this.support = support
    this.directories = directories
  }

  static async create(support: CgroupSupport): Promise<RunCgroup> {
    const name = `run-${process.pid}-${randomBytes(6).toString('hex')}`
    const directories: Record<string, string> = {}
    for (const [controller, parent] of Object.entries(support.parents)) {
      directories[controller] = join(parent, name)
      await mkdir(directories[controller] as string)
    }
    return new RunCgroup(support, directories)
  }

  /** Files the launcher writes itself into before exec'ing bwrap. */
  get procsFiles(): string[] {
    return Object.values(this.directories).map((directory) => join(directory, 'cgroup.procs'))
  }

  async setLimits(memoryKb: number, processes: number): Promise<void> {
    const bytes = String(memoryKb * 1024)
    if (this.support.version === 2) {
      const directory = this.directories.unified as string
      await writeFile(join(directory, 'memory.max'), bytes)
      await writeFile(join(directory, 'memory.swap.max'), '0').catch(() => {})
      await writeFile(join(directory, 'memory.oom.group'), '1').catch(() => {})
      await writeFile(join(directory, 'pids.max'), String(processes))
      return
    }
    const memory = this.directories.memory as string
    // memsw must stay >= the memory limit: raise memsw first, lower it last.
    const current = Number(await readText(join(memory, 'memory.limit_in_bytes')))
    const files = [
      'memory.limit_in_bytes',
      ...(this.support.swapAccounting ? ['memory.memsw.limit_in_bytes'] : []),
    ]
    if (Number(bytes) > current) files.reverse()
    for (const file of files) await writeFile(join(memory, file), bytes)
    await writeFile(join(this.directories.pids as string, 'pids.max'), String(processes))
  }

  /** Starts peak-memory accounting afresh (v1; the compile step's peak is not the program's). */
  async resetPeak(): Promise<void> {
    if (this.support.version === 1)
      await writeFile(join(this.directories.memory as string, 'memory.max_usage_in_bytes'), '0').catch(
        () => {},
      )
  }

  async usage(): Promise<CgroupUsage> {
    if (this.support.version === 2) {
      const directory = this.directories.unified as string
      const files = ['cpu.stat', 'memory.events', 'pids.events', 'memory.peak']
      const [cpu = '', events = '', pids = '', peak = ''] = await Promise.all(
        files.map((file) => readText(join(directory, file))),
      )
      return {
        cpuSeconds: (keyed(cpu).get('usage_usec') ?? 0) / 1e6,
        peakMemoryKb: Math.round(Number(peak || 0) / 1024),
        oomKilled: (keyed(events).get('oom_kill') ?? 0) > 0,
        pidsLimitHit: (keyed(pids).get('max') ?? 0) > 0,
      }
    }
    const memory = this.directories.memory as string
    const cpuDirectory = this.directories.cpuacct
    const peakFile = this.support.swapAccounting
      ? 'memory.memsw.max_usage_in_bytes'
      : 'memory.max_usage_in_bytes'
    const [oom, pids, cpuNanoseconds, peak] = await Promise.all([
      readText(join(memory, 'memory.oom_control')),
      readText(join(this.directories.pids as string, 'pids.events')),
      cpuDirectory ? readText(join(cpuDirectory, 'cpuacct.usage')) : Promise.resolve('0'),
      readText(join(memory, peakFile)),
    ])
    return {
      cpuSeconds: Number(cpuNanoseconds) / 1e9,
      peakMemoryKb: Math.round(Number(peak) / 1024),
      oomKilled: (keyed(oom).get('oom_kill') ?? 0) > 0,
      pidsLimitHit: (keyed(pids).get('max') ?? 0) > 0,
    }
  }

  /** SIGKILLs every process left in the group (the pid namespace's death usually got them already). */
  async kill(): Promise<void> {
    if (this.support.version === 2) {
      const killed = await writeFile(join(this.directories.unified as string, 'cgroup.kill'), '1').then(
        () => true,
        () => false,
      )
      if (killed) return
    }
    for (let attempt = 0; attempt < 20; attempt++) {
      const pids = (await readText(join(Object.values(this.directories)[0] as string, 'cgroup.procs')))
        .split('\n')
        .filter(Boolean)
      if (pids.length === 0) return
      for (const pid of pids) {
        try {
          process.kill(Number(pid), 'SIGKILL')
        } catch {}
      }
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }

  /** Removes the group; retries while the kernel is still tearing the processes down. */
  async remove(): Promise<void> {
    for (const directory of Object.values(this.directories)) {
      for (let attempt = 0; attempt < 50; attempt++) {
        try {
          await rmdir(directory)
          break
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') break
          if (attempt === 49) throw error
          await this.kill()
          await new Promise((resolve) => setTimeout(resolve, 10))
        }
      }
    }
  }
}

interface Mount {
  path: string
  type: string
  options: string
}

function parseMounts(text: string): Mount[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [, path = '', type = '', options = ''] = line.split(' ')
      return { path: path.replace(/\\040/g, ' '), type, options }
    })
}

/** `/proc/self/cgroup` → controller list ("" for v2) → path. */
function parseMembership(text: string): Map<string, string> {
  const membership = new Map<string, string>()
  for (const line of text.split('\n').filter(Boolean)) {
    const [, controllers = '', ...rest] = line.split(':')
    membership.set(controllers, rest.join(':'))
  }
  return membership
}

function keyed(text: string): Map<string, number> {
  const map = new Map<string, number>()
  for (const line of text.split('\n')) {
    const [key, value] = line.trim().split(/\s+/)
    if (key && value !== undefined) map.set(key, Number(value))
  }
  return map
}

async function readText(path: string): Promise<string> {
  try {
    return readFileSync(path, 'utf8').trim()
  } catch {
    return ''
  }
}
