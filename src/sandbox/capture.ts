import type { CapturedOutput } from './types.ts'

/**
 * Collects a stream's bytes up to a cap, never buffering more: past the cap it keeps nothing, marks the output
 * truncated and calls `onExceeded` once (the runner stops the run).
 */
export class CappedCapture {
  private readonly chunks: Buffer[] = []
  private size = 0
  private exceeded = false
  private readonly cap: number
  private readonly onExceeded: () => void

  constructor(cap: number, onExceeded: () => void = () => {}) {
    this.cap = cap
    this.onExceeded = onExceeded
  }

  push(chunk: Buffer): void {
    if (this.exceeded) return
    const room = this.cap - this.size
    if (chunk.length > room) {
      if (room > 0) this.chunks.push(chunk.subarray(0, room))
      this.size = this.cap
      this.exceeded = true
      this.onExceeded()
      return
    }
    this.chunks.push(chunk)
    this.size += chunk.length
  }

  get truncated(): boolean {
    return this.exceeded
  }

  result(): CapturedOutput {
    return { bytes: new Uint8Array(Buffer.concat(this.chunks)), truncated: this.exceeded }
  }

  /** Last `count` bytes as text, for error messages. */
  tail(count = 2000): string {
    return Buffer.concat(this.chunks).subarray(-count).toString()
  }
}
