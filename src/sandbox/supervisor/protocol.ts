/**
 * The framed records exchanged with the supervisor (see supervisor.c): 1 byte type, u32 LE length, payload.
 * Host → supervisor: the request. Supervisor → host: phase results, compiler output, output files, done.
 */

/** Request records. */
export interface SupervisorRequest {
  files: Array<{ name: string; mode: number; bytes: Uint8Array }>
  env: Record<string, string>
  outputGlobs: string[]
  outputCaps: { fileSize: number; totalSize: number; files: number }
  compile?: Phase
  run: Phase
}

export interface Phase {
  argv: string[]
  rlimits: Array<{ resource: number; value: number }>
}

/** Linux RLIMIT_* numbers (the same on x86_64 and aarch64). */
export const RLIMIT = { cpu: 0, fileSize: 1, stack: 3, core: 4, openFiles: 7 } as const

export function encodeRequest(request: SupervisorRequest): Buffer[] {
  const chunks: Buffer[] = []
  const record = (type: string, payload: Buffer) => {
    const header = Buffer.alloc(5)
    header.write(type, 0, 'latin1')
    header.writeUInt32LE(payload.length, 1)
    chunks.push(header, payload)
  }
  for (const file of request.files) {
    const mode = Buffer.alloc(4)
    mode.writeUInt32LE(file.mode)
    record('F', Buffer.concat([mode, Buffer.from(`${file.name}\0`), Buffer.from(file.bytes)]))
  }
  for (const [key, value] of Object.entries(request.env)) record('E', Buffer.from(`${key}=${value}`))
  for (const glob of request.outputGlobs) record('O', Buffer.from(glob))
  const caps = Buffer.alloc(24)
  caps.writeBigUInt64LE(BigInt(request.outputCaps.fileSize), 0)
  caps.writeBigUInt64LE(BigInt(request.outputCaps.totalSize), 8)
  caps.writeBigUInt64LE(BigInt(request.outputCaps.files), 16)
  record('C', caps)
  const phase = (letter: string, value: Phase) => {
    record('P', Buffer.from(letter))
    for (const argument of value.argv) record('A', Buffer.from(argument))
    for (const limit of value.rlimits) {
      const payload = Buffer.alloc(12)
      payload.writeUInt32LE(limit.resource, 0)
      payload.writeBigUInt64LE(BigInt(Math.max(0, Math.floor(limit.value))), 4)
      record('L', payload)
    }
  }
  if (request.compile) phase('c', request.compile)
  phase('r', request.run)
  record('G', Buffer.alloc(0))
  return chunks
}

/** How a phase ended, as the supervisor saw it through wait4(). */
export interface PhaseReport {
  kind: 'exit' | 'signal' | 'exec-error'
  /** Exit code, signal number, or errno. */
  value: number
  userSeconds: number
  systemSeconds: number
  maxRssKb: number
  /** From fork to wait4, measured by the supervisor (the host's clock would add its event-loop delays). */
  wallSeconds: number
}

export type ReportRecord =
  | { type: 'compiled'; report: PhaseReport }
  | { type: 'compile-output'; bytes: Buffer }
  | { type: 'run-started' }
  | { type: 'ran'; report: PhaseReport }
  | { type: 'output-file'; name: string; truncated: boolean; bytes: Buffer }
  | { type: 'done' }

/** Incremental decoder of the report stream; refuses records bigger than `maxRecord`. */
export class ReportDecoder {
  private buffered: Buffer = Buffer.alloc(0)
  private readonly maxRecord: number

  constructor(maxRecord: number) {
    this.maxRecord = maxRecord
  }

  push(chunk: Buffer): ReportRecord[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk])
    const records: ReportRecord[] = []
    while (this.buffered.length >= 5) {
      const length = this.buffered.readUInt32LE(1)
      if (length > this.maxRecord)
        throw new Error(`supervisor record of ${length} bytes exceeds ${this.maxRecord}`)
      if (this.buffered.length < 5 + length) break
      const type = String.fromCharCode(this.buffered[0] as number)
      const payload = this.buffered.subarray(5, 5 + length)
      this.buffered = this.buffered.subarray(5 + length)
      records.push(decodeRecord(type, payload))
    }
    return records
  }
}

function decodeRecord(type: string, payload: Buffer): ReportRecord {
  switch (type) {
    case 'c':
      return { type: 'compiled', report: parsePhase(payload) }
    case 'o':
      return { type: 'compile-output', bytes: Buffer.from(payload) }
    case 's':
      return { type: 'run-started' }
    case 'r':
      return { type: 'ran', report: parsePhase(payload) }
    case 'f': {
      const end = payload.indexOf(0)
      return {
        type: 'output-file',
        name: payload.subarray(0, end).toString(),
        truncated: payload[end + 1] === 1,
        bytes: Buffer.from(payload.subarray(end + 2)),
      }
    }
    case 'd':
      return { type: 'done' }
    default:
      throw new Error(`unknown supervisor record ${JSON.stringify(type)}`)
  }
}

function parsePhase(payload: Buffer): PhaseReport {
  const [kind, value, user, system, rss, wall] = payload.toString().split(' ')
  if (kind !== 'exit' && kind !== 'signal' && kind !== 'exec-error')
    throw new Error(`bad phase report ${payload}`)
  return {
    kind,
    value: Number(value),
    userSeconds: Number(user) / 1e6,
    systemSeconds: Number(system) / 1e6,
    maxRssKb: Number(rss),
    wallSeconds: Number(wall) / 1e6,
  }
}
