import { createHash } from 'node:crypto'
import { stringify as toYaml } from 'yaml'
import { toJson, toText } from '../values.ts'
import { fail } from './arguments.ts'
import type { Filter } from './types.ts'

function hash(algorithm: string): Filter {
  return (input) => createHash(algorithm).update(toText(input), 'utf8').digest('hex')
}

/** Java's URLEncoder: letters, digits and `.-*_` stay, space becomes `+`, the rest is UTF-8 percent-encoded. */
function urlEncode(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()~]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+')
}

function urlDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    fail('input is not valid URL-encoded text')
  }
}

const BASE64 = /^[A-Za-z0-9+/\-_]*={0,2}$/

/** Serialization, hashing and encoding filters. */
export const ENCODING_FILTERS: Record<string, Filter> = {
  toJson: (input) => toJson(input),
  json: (input) => toJson(input),
  yaml: (input) => toYaml(input),
  toYaml: (input) => toYaml(input),
  md5: hash('md5'),
  sha1: hash('sha1'),
  sha256: hash('sha256'),
  sha512: hash('sha512'),
  base64encode: (input) => Buffer.from(toText(input), 'utf8').toString('base64'),
  base64decode: (input) => {
    const text = toText(input).trim()
    if (!BASE64.test(text)) fail('input is not valid base64')
    return Buffer.from(text, 'base64').toString('utf8')
  },
  urlencode: (input) => urlEncode(toText(input)),
  urldecode: (input) => urlDecode(toText(input)),
}
