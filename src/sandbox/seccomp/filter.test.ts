import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type BpfInstruction, encode, OPCODES, SECCOMP_RET } from './bpf.ts'
import { buildFilterProgram, CLONE_NAMESPACE_FLAGS, DENIED_SYSCALLS } from './filter.ts'
import { AARCH64, type ArchitectureTable, X86_64 } from './syscalls.ts'

/** A classic-BPF interpreter for the instructions our assembler emits, over a seccomp_data record. */
function evaluate(program: BpfInstruction[], data: { arch: number; nr: number; args?: number[] }): number {
  let accumulator = 0
  let pc = 0
  for (let steps = 0; steps < 10_000; steps++) {
    const instruction = program[pc]
    assert.ok(instruction, `fell off the program at ${pc}`)
    switch (instruction.code) {
      case OPCODES.loadWord:
        if (instruction.k === 0) accumulator = data.nr >>> 0
        else if (instruction.k === 4) accumulator = data.arch >>> 0
        else accumulator = (data.args?.[(instruction.k - 16) / 8] ?? 0) >>> 0
        pc++
        break
      case OPCODES.jumpIfEqual:
        pc += 1 + (accumulator === instruction.k ? instruction.jt : instruction.jf)
        break
      case OPCODES.jumpIfAnyBit:
        pc += 1 + ((accumulator & instruction.k) !== 0 ? instruction.jt : instruction.jf)
        break
      case OPCODES.return:
        return instruction.k
      default:
        assert.fail(`unknown opcode ${instruction.code}`)
    }
  }
  assert.fail('program did not terminate')
}

const EPERM = SECCOMP_RET.errno(1)
const ALLOW = SECCOMP_RET.allow

for (const table of [X86_64, AARCH64] as ArchitectureTable[]) {
  describe(`seccomp filter (${table === X86_64 ? 'x86_64' : 'aarch64'})`, () => {
    const offline = buildFilterProgram({ network: false })
    const online = buildFilterProgram({ network: true })
    const call = (program: BpfInstruction[], name: keyof typeof table.numbers, args: number[] = []) =>
      evaluate(program, { arch: table.auditArch, nr: table.numbers[name], args })

    it('denies every listed syscall with EPERM', () => {
      for (const name of DENIED_SYSCALLS) assert.equal(call(offline, name), EPERM, name)
    })
    it('allows ordinary syscalls', () => {
      for (const nr of [0, 1, 2, 3, 57, 59, 60, 231]) {
        if (Object.values(table.numbers).includes(nr)) continue
        assert.equal(evaluate(offline, { arch: table.auditArch, nr }), ALLOW, `nr ${nr}`)
      }
    })
    it('allows clone for threads and processes, denies it with any namespace flag', () => {
      assert.equal(call(offline, 'clone', [0x003d0f00]), ALLOW) // pthread_create's flags
      assert.equal(call(offline, 'clone', [17]), ALLOW) // fork: SIGCHLD
      for (let bit = 0; bit < 32; bit++) {
        const flag = (1 << bit) >>> 0
        if ((CLONE_NAMESPACE_FLAGS & flag) === 0) continue
        assert.equal(call(offline, 'clone', [flag | 17]), EPERM, `flag ${flag.toString(16)}`)
      }
    })
    it('answers clone3 with ENOSYS so libc falls back to the checked clone', () => {
      assert.equal(call(offline, 'clone3'), SECCOMP_RET.errno(38))
    })
    it('denies TIOCSTI and TIOCLINUX but allows other ioctls', () => {
      assert.equal(call(offline, 'ioctl', [1, 0x5412]), EPERM)
      assert.equal(call(offline, 'ioctl', [1, 0x541c]), EPERM)
      assert.equal(call(offline, 'ioctl', [1, 0x5401]), ALLOW) // TCGETS
    })
    it('allows only AF_UNIX sockets when the network is off, any socket when on', () => {
      assert.equal(call(offline, 'socket', [1]), ALLOW)
      assert.equal(call(offline, 'socket', [2]), EPERM)
      assert.equal(call(offline, 'socket', [10]), EPERM)
      assert.equal(call(offline, 'socket', [16]), EPERM) // AF_NETLINK
      assert.equal(call(online, 'socket', [2]), ALLOW)
      assert.equal(call(online, 'ptrace'), EPERM)
    })
  })
}

describe('seccomp filter: architecture check', () => {
  const program = buildFilterProgram({ network: false })
  it('kills a process calling through a foreign ABI (i386 int 0x80)', () => {
    assert.equal(evaluate(program, { arch: 0x40000003, nr: 1 }), SECCOMP_RET.killProcess)
  })
  it('denies x32 syscalls on x86_64', () => {
    assert.equal(evaluate(program, { arch: X86_64.auditArch, nr: 0x40000000 | 1 }), EPERM)
  })
})

describe('BPF encoding', () => {
  it('encodes struct sock_filter little endian, 8 bytes each', () => {
    const bytes = encode([{ code: 0x15, jt: 1, jf: 2, k: 0xc000003e }])
    assert.deepEqual([...bytes], [0x15, 0, 1, 2, 0x3e, 0, 0, 0xc0])
  })
  it('refuses empty programs', () => {
    assert.throws(() => encode([]), RangeError)
  })
})
