import { hostname } from 'node:os'

/**
 * Whether the engine that owns an execution (`host:pid:token`, recorded on the execution) is still alive, so
 * crash recovery never takes over an execution another live process on this machine is running. An owner on
 * another host cannot be checked here and is treated as alive; an earlier engine of this very process (same pid,
 * other token) has stopped.
 */
export function isOwnerAlive(owner: unknown, self: string): boolean {
  if (typeof owner !== 'string') return false
  const [host, pidText, token] = owner.split(':')
  if (host !== hostname()) return true
  const pid = Number(pidText)
  if (pid === process.pid) return owner === self && token !== undefined
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
