/**
 * `verity:///<namespace>/<executionId>/<name>` URIs and the name rules that keep files inside their folder.
 */
import { StoreError } from './errors.ts'

export const FILE_URI_SCHEME = 'verity://'

/** Default cap on one stored file: 256 MiB. */
export const DEFAULT_MAX_FILE_SIZE = 256 * 1024 * 1024

export interface FileLocation {
  namespace: string
  executionId: string
  /** `/`-separated segments, each validated. */
  name: string
}

const NAMESPACE = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/
const EXECUTION_ID = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/
// Control characters, backslash and the characters Windows forbids are refused so a name means the same on every disk.
const FORBIDDEN_IN_SEGMENT = /[\u0000-\u001f\u007f\\:*?"<>|]/

function invalid(what: string, value: string, why: string): StoreError {
  return new StoreError('FILE_NAME_INVALID', `Invalid file ${what} "${value}": ${why}`)
}

/** Validates the folder of an execution's files; throws `FILE_NAME_INVALID` naming the faulty part. */
export function checkExecutionFolder(namespace: string, executionId: string): void {
  if (!NAMESPACE.test(namespace)) throw invalid('namespace', namespace, 'not a namespace')
  if (!EXECUTION_ID.test(executionId)) {
    throw invalid('execution id', executionId, 'only letters, digits, "-" and "_" are allowed')
  }
}

/** Validates the three parts; throws `FILE_NAME_INVALID` naming the faulty part. */
export function checkFileLocation(location: FileLocation): FileLocation {
  checkExecutionFolder(location.namespace, location.executionId)
  if (location.name.length === 0 || location.name.length > 1024) {
    throw invalid('name', location.name, 'must have 1 to 1024 characters')
  }
  for (const segment of location.name.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') {
      throw invalid('name', location.name, 'empty, "." and ".." path segments are not allowed')
    }
    if (FORBIDDEN_IN_SEGMENT.test(segment))
      throw invalid('name', location.name, 'contains a forbidden character')
  }
  return location
}

export function formatFileUri(location: FileLocation): string {
  const name = location.name.split('/').map(encodeURIComponent).join('/')
  return `${FILE_URI_SCHEME}/${location.namespace}/${location.executionId}/${name}`
}

/** Parses and validates a `verity:///…` URI; throws `FILE_URI_INVALID` for anything else. */
export function parseFileUri(uri: string): FileLocation {
  const prefix = `${FILE_URI_SCHEME}/`
  if (!uri.startsWith(prefix)) {
    throw new StoreError('FILE_URI_INVALID', `"${uri}" is not a file URI (expected ${prefix}<namespace>/…)`)
  }
  const parts = uri.slice(prefix.length).split('/')
  if (parts.length < 3) throw new StoreError('FILE_URI_INVALID', `File URI "${uri}" lacks a name`)
  let name: string
  try {
    name = parts.slice(2).map(decodeURIComponent).join('/')
  } catch (error) {
    throw new StoreError('FILE_URI_INVALID', `File URI "${uri}" is not properly encoded`, { cause: error })
  }
  return checkFileLocation({ namespace: parts[0], executionId: parts[1], name })
}

export function checkFileSize(bytes: Uint8Array, maxFileSize: number, location: FileLocation): void {
  if (bytes.byteLength > maxFileSize) {
    throw new StoreError(
      'FILE_TOO_LARGE',
      `File "${location.name}" of execution ${location.executionId} has ${bytes.byteLength} bytes, above the ${maxFileSize}-byte limit (store.maxFileSize)`,
    )
  }
}

export function fileNotFound(uri: string): StoreError {
  return new StoreError('FILE_NOT_FOUND', `File ${uri} does not exist`)
}
