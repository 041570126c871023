import {
  type BpfInstruction,
  encode,
  jumpIfAnyBit,
  jumpIfEqual,
  load,
  ret,
  SECCOMP_DATA,
  SECCOMP_RET,
} from './bpf.ts'
import { AARCH64, type ArchitectureTable, type SyscallName, X86_64 } from './syscalls.ts'

const EPERM = 1
const ENOSYS = 38
const AF_UNIX = 1
/** CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET | NEWTIME. */
export const CLONE_NAMESPACE_FLAGS =
  0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000 | 0x80
/** TIOCSTI (fake terminal input) and TIOCLINUX: both let a process type into someone else's terminal. */
export const DENIED_IOCTLS = [0x5412, 0x541c]

/** Denied outright with EPERM: namespaces, mounts, tracing, kernel attack surface. */
export const DENIED_SYSCALLS: SyscallName[] = [
  'unshare',
  'setns',
  'mount',
  'umount2',
  'pivot_root',
  'open_tree',
  'move_mount',
  'fsopen',
  'fsconfig',
  'fsmount',
  'fspick',
  'mount_setattr',
  'ptrace',
  'process_vm_readv',
  'process_vm_writev',
  'bpf',
  'keyctl',
  'add_key',
  'request_key',
  'perf_event_open',
  'io_uring_setup',
  'io_uring_enter',
  'io_uring_register',
  'kexec_load',
  'kexec_file_load',
  'init_module',
  'finit_module',
  'delete_module',
  'userfaultfd',
  // Steals another process's file descriptors (ptrace-like; ptrace itself is denied above).
  'pidfd_getfd',
]

export interface FilterOptions {
  /** When false, socket() with any domain but AF_UNIX fails with EPERM. */
  network: boolean
}

/**
 * The sandbox's seccomp filter as a BPF program. Default allow, with a deny list (the sandbox's namespaces,
 * cgroups and rlimits are the first line; this closes kernel interfaces that namespaces do not). Foreign
 * architectures (e.g. i386 `int 0x80` from an x86_64 process) are killed, so the numbers cannot be bypassed.
 */
export function buildFilterProgram(options: FilterOptions): BpfInstruction[] {
  const x86 = architectureBlock(X86_64, options)
  const arm = architectureBlock(AARCH64, options)
  return [
    load(SECCOMP_DATA.arch),
    jumpIfEqual(X86_64.auditArch, 0, x86.length),
    ...x86,
    jumpIfEqual(AARCH64.auditArch, 0, arm.length),
    ...arm,
    ret(SECCOMP_RET.killProcess),
  ]
}

/** The filter encoded for `bwrap --seccomp FD`. */
export function buildFilter(options: FilterOptions): Buffer {
  return encode(buildFilterProgram(options))
}

/** Rules for one architecture; ends by allowing, so control never falls through to the next block. */
function architectureBlock(table: ArchitectureTable, options: FilterOptions): BpfInstruction[] {
  const deny = ret(SECCOMP_RET.errno(EPERM))
  const allow = ret(SECCOMP_RET.allow)
  const nr = (name: SyscallName) => table.numbers[name]
  const block: BpfInstruction[] = [load(SECCOMP_DATA.nr)]
  if (table.x32Bit) block.push(jumpIfAnyBit(table.x32Bit, 0, 1), deny)
  for (const name of DENIED_SYSCALLS) block.push(jumpIfEqual(nr(name), 0, 1), deny)
  // clone3 passes its flags in memory seccomp cannot read: ENOSYS makes libc fall back to clone(), checked below.
  block.push(jumpIfEqual(nr('clone3'), 0, 1), ret(SECCOMP_RET.errno(ENOSYS)))
  block.push(
    jumpIfEqual(nr('clone'), 0, 4),
    load(SECCOMP_DATA.argumentLow(0)),
    jumpIfAnyBit(CLONE_NAMESPACE_FLAGS, 0, 1),
    deny,
    allow,
  )
  // Each check jumps to `deny` on a match; the last one skips `deny` when nothing matched.
  const ioctlChecks = DENIED_IOCTLS.map((command, index) => {
    const last = index === DENIED_IOCTLS.length - 1
    return jumpIfEqual(command, DENIED_IOCTLS.length - 1 - index, last ? 1 : 0)
  })
  block.push(
    jumpIfEqual(nr('ioctl'), 0, ioctlChecks.length + 3),
    load(SECCOMP_DATA.argumentLow(1)),
    ...ioctlChecks,
    deny,
    allow,
  )
  if (!options.network) {
    block.push(
      jumpIfEqual(nr('socket'), 0, 4),
      load(SECCOMP_DATA.argumentLow(0)),
      jumpIfEqual(AF_UNIX, 1, 0),
      deny,
      allow,
    )
  }
  block.push(allow)
  return block
}
