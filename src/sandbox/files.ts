/**
 * Request files: name validation (nothing may escape the work dir) and the count/size caps, shared with the
 * Judge0 API, which unpacks `additional_files` zips through `FileBudget` so a zip bomb stops at the cap.
 */
import { SandboxRequestError } from './errors.ts'

const MAX_NAME_BYTES = 255
const MAX_PATH_BYTES = 1024
const MAX_DEPTH = 16

/**
 * Checks a relative file name for the work dir: no absolute paths, no `..`, no empty or `.` segments, no NUL or
 * control characters, bounded length and depth. Returns the normalized name; throws naming the field.
 */
export function validateFileName(name: string, field = `files[${JSON.stringify(name)}]`): string {
  const problem = fileNameProblem(name)
  if (problem) throw new SandboxRequestError(field, problem)
  return name
}

function fileNameProblem(name: string): string | null {
  if (name.length === 0) return 'the file name is empty'
  if (Buffer.byteLength(name) > MAX_PATH_BYTES) return `the path is longer than ${MAX_PATH_BYTES} bytes`
  if (name.startsWith('/')) return 'the file name must be relative to the working directory'
  if (/[\u0000-\u001f\u007f\\]/.test(name)) return 'the file name contains a control character or backslash'
  const segments = name.split('/')
  if (segments.length > MAX_DEPTH) return `the path is deeper than ${MAX_DEPTH} directories`
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..')
      return 'the file name may not contain empty, "." or ".." segments'
    if (Buffer.byteLength(segment) > MAX_NAME_BYTES)
      return `a path segment is longer than ${MAX_NAME_BYTES} bytes`
  }
  return null
}

/**
 * Counts files and bytes against caps while files are added (e.g. while a zip is unpacked, before inflating
 * each entry's bytes). Throws SandboxRequestError as soon as a cap would be passed.
 */
export class FileBudget {
  private files = 0
  private bytes = 0
  readonly maxFiles: number
  readonly maxBytes: number
  private readonly field: string

  constructor(maxFiles: number, maxBytes: number, field = 'files') {
    this.maxFiles = maxFiles
    this.maxBytes = maxBytes
    this.field = field
  }

  /** Reserves room for one file of `size` bytes (declared or actual); throws when a cap would be exceeded. */
  take(name: string, size: number): void {
    validateFileName(name, `${this.field}[${JSON.stringify(name)}]`)
    if (this.files + 1 > this.maxFiles)
      throw new SandboxRequestError(this.field, `more than ${this.maxFiles} files`)
    if (this.bytes + size > this.maxBytes) {
      throw new SandboxRequestError(this.field, `the files add up to more than ${this.maxBytes} bytes`)
    }
    this.files++
    this.bytes += size
  }

  /** Bytes still allowed: the most an unpacker may inflate for the next entry. */
  get remainingBytes(): number {
    return this.maxBytes - this.bytes
  }
}
