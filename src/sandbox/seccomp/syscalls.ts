/** Syscall numbers the filter names, per architecture (from the kernel's unistd tables). */

export interface ArchitectureTable {
  /** AUDIT_ARCH_* value seen in seccomp_data.arch. */
  auditArch: number
  /** x86_64 only: bit that marks x32 syscalls, which we refuse outright. */
  x32Bit?: number
  numbers: Record<SyscallName, number>
}

export type SyscallName =
  | 'unshare'
  | 'setns'
  | 'clone'
  | 'clone3'
  | 'mount'
  | 'umount2'
  | 'pivot_root'
  | 'open_tree'
  | 'move_mount'
  | 'fsopen'
  | 'fsconfig'
  | 'fsmount'
  | 'fspick'
  | 'mount_setattr'
  | 'ptrace'
  | 'process_vm_readv'
  | 'process_vm_writev'
  | 'bpf'
  | 'keyctl'
  | 'add_key'
  | 'request_key'
  | 'perf_event_open'
  | 'io_uring_setup'
  | 'io_uring_enter'
  | 'io_uring_register'
  | 'kexec_load'
  | 'kexec_file_load'
  | 'init_module'
  | 'finit_module'
  | 'delete_module'
  | 'userfaultfd'
  | 'pidfd_getfd'
  | 'socket'
  | 'ioctl'

export const X86_64: ArchitectureTable = {
  auditArch: 0xc000003e,
  x32Bit: 0x40000000,
  numbers: {
    ioctl: 16,
    socket: 41,
    clone: 56,
    ptrace: 101,
    pivot_root: 155,
    mount: 165,
    umount2: 166,
    init_module: 175,
    delete_module: 176,
    kexec_load: 246,
    add_key: 248,
    request_key: 249,
    keyctl: 250,
    unshare: 272,
    perf_event_open: 298,
    setns: 308,
    process_vm_readv: 310,
    process_vm_writev: 311,
    finit_module: 313,
    kexec_file_load: 320,
    bpf: 321,
    userfaultfd: 323,
    io_uring_setup: 425,
    io_uring_enter: 426,
    io_uring_register: 427,
    open_tree: 428,
    move_mount: 429,
    fsopen: 430,
    fsconfig: 431,
    fsmount: 432,
    fspick: 433,
    clone3: 435,
    pidfd_getfd: 438,
    mount_setattr: 442,
  },
}

export const AARCH64: ArchitectureTable = {
  auditArch: 0xc00000b7,
  numbers: {
    ioctl: 29,
    umount2: 39,
    mount: 40,
    pivot_root: 41,
    unshare: 97,
    kexec_load: 104,
    init_module: 105,
    delete_module: 106,
    ptrace: 117,
    socket: 198,
    add_key: 217,
    request_key: 218,
    keyctl: 219,
    clone: 220,
    perf_event_open: 241,
    setns: 268,
    process_vm_readv: 270,
    process_vm_writev: 271,
    finit_module: 273,
    bpf: 280,
    userfaultfd: 282,
    kexec_file_load: 294,
    io_uring_setup: 425,
    io_uring_enter: 426,
    io_uring_register: 427,
    open_tree: 428,
    move_mount: 429,
    fsopen: 430,
    fsconfig: 431,
    fsmount: 432,
    fspick: 433,
    clone3: 435,
    pidfd_getfd: 438,
    mount_setattr: 442,
  },
}
