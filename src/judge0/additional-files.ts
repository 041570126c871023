import { Unzip, UnzipInflate } from 'fflate'

export interface ExtractLimits {
  /** Total bytes all files may extract to (Judge0's `max_extract_size`, in bytes here). */
  maxBytes: number
  /** Most files the archive may hold. */
  maxFiles: number
}

export type ExtractResult = { files: Record<string, Uint8Array> } | { error: string }

/** Compressed bytes fed to the inflater per step, so one step can never inflate more than ~4 MB. */
const SLICE = 4096

/**
 * Extracts `additional_files` (a zip archive) into name → bytes for the sandbox's working directory, counting
 * the bytes actually inflated, not the sizes the archive claims, so a zip bomb stops at the cap instead of
 * filling memory. Names that are absolute or climb out with `..` are refused; directories are implied by names.
 */
export function extractAdditionalFiles(archive: Uint8Array, limits: ExtractLimits): ExtractResult {
  const files: Record<string, Uint8Array> = {}
  let total = 0
  let count = 0
  let problem: string | undefined
  const unzip = new Unzip((file) => {
    if (problem) return
    if (file.name.endsWith('/')) return
    const nameProblem = checkName(file.name)
    if (nameProblem) {
      problem = nameProblem
      return
    }
    count++
    if (count > limits.maxFiles) {
      problem = `holds more than ${limits.maxFiles} files`
      return
    }
    const chunks: Uint8Array[] = []
    file.ondata = (error, data, final) => {
      if (problem) return
      if (error) {
        problem = `is not a valid zip archive (${error.message})`
        return
      }
      total += data.length
      if (total > limits.maxBytes) {
        problem = `extracts to more than ${Math.floor(limits.maxBytes / 1024)} KB`
        return
      }
      chunks.push(data)
      if (final) files[file.name] = Buffer.concat(chunks)
    }
    file.start()
  })
  unzip.register(UnzipInflate)
  try {
    for (let offset = 0; offset < archive.length && !problem; offset += SLICE) {
      unzip.push(archive.subarray(offset, offset + SLICE), offset + SLICE >= archive.length)
    }
  } catch (error) {
    problem = `is not a valid zip archive (${error instanceof Error ? error.message : String(error)})`
  }
  if (problem) return { error: problem }
  if (count === 0 && !looksLikeZip(archive)) return { error: 'is not a valid zip archive' }
  return { files }
}

function checkName(name: string): string | undefined {
  const segments = name.split('/')
  if (name.startsWith('/') || name.includes('\\') || segments.includes('..') || name.includes('\0')) {
    return `holds a file whose name escapes the working directory: ${JSON.stringify(name)}`
  }
  return undefined
}

/** An empty zip is just an end-of-central-directory record; anything else without entries is not a zip. */
function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 22 && bytes[0] === 0x50 && bytes[1] === 0x4b
}
