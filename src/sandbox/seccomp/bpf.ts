/**
 * A minimal classic-BPF assembler for seccomp filters: the few instructions a syscall filter needs, encoded as
 * the kernel's `struct sock_filter` (u16 code, u8 jt, u8 jf, u32 k; little endian on the architectures we support).
 */

export interface BpfInstruction {
  code: number
  jt: number
  jf: number
  k: number
}

const BPF_LD = 0x00
const BPF_W = 0x00
const BPF_ABS = 0x20
const BPF_JMP = 0x05
const BPF_JEQ = 0x10
const BPF_JSET = 0x40
const BPF_K = 0x00
const BPF_RET = 0x06

export const OPCODES = {
  loadWord: BPF_LD | BPF_W | BPF_ABS,
  jumpIfEqual: BPF_JMP | BPF_JEQ | BPF_K,
  jumpIfAnyBit: BPF_JMP | BPF_JSET | BPF_K,
  return: BPF_RET | BPF_K,
} as const

/** Offsets in `struct seccomp_data`. Arguments are u64; we read their low 32 bits (little endian). */
export const SECCOMP_DATA = {
  nr: 0,
  arch: 4,
  argumentLow: (index: number) => 16 + 8 * index,
} as const

export const SECCOMP_RET = {
  allow: 0x7fff0000,
  killProcess: 0x80000000,
  errno: (errno: number) => (0x00050000 | (errno & 0xffff)) >>> 0,
} as const

/** Load the 32-bit word at `offset` of seccomp_data into the accumulator. */
export function load(offset: number): BpfInstruction {
  return { code: OPCODES.loadWord, jt: 0, jf: 0, k: offset }
}

/** If accumulator == k skip `jt` instructions, else skip `jf`. */
export function jumpIfEqual(k: number, jt: number, jf: number): BpfInstruction {
  return { code: OPCODES.jumpIfEqual, jt: checkSkip(jt), jf: checkSkip(jf), k: k >>> 0 }
}

/** If (accumulator & k) != 0 skip `jt` instructions, else skip `jf`. */
export function jumpIfAnyBit(k: number, jt: number, jf: number): BpfInstruction {
  return { code: OPCODES.jumpIfAnyBit, jt: checkSkip(jt), jf: checkSkip(jf), k: k >>> 0 }
}

export function ret(value: number): BpfInstruction {
  return { code: OPCODES.return, jt: 0, jf: 0, k: value >>> 0 }
}

function checkSkip(skip: number): number {
  if (!Number.isInteger(skip) || skip < 0 || skip > 255)
    throw new RangeError(`BPF jump of ${skip} out of range`)
  return skip
}

/** The program as bytes, ready for `bwrap --seccomp FD`. The kernel caps programs at 4096 instructions. */
export function encode(program: BpfInstruction[]): Buffer {
  if (program.length === 0 || program.length > 4096)
    throw new RangeError('BPF program must have 1–4096 instructions')
  const bytes = Buffer.alloc(program.length * 8)
  program.forEach((instruction, index) => {
    const offset = index * 8
    bytes.writeUInt16LE(instruction.code, offset)
    bytes.writeUInt8(instruction.jt, offset + 2)
    bytes.writeUInt8(instruction.jf, offset + 3)
    bytes.writeUInt32LE(instruction.k >>> 0, offset + 4)
  })
  return bytes
}
