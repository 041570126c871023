import { randomBytes } from 'node:crypto'

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * A 22-character base62 id (about 131 bits), the shape of Kestra's execution and task run ids: URL- and
 * file-name-safe, no separators.
 */
export function newId(): string {
  const bytes = randomBytes(22)
  let id = ''
  // 256 % 62 leaves a slight bias on a few characters; irrelevant for uniqueness at 131 bits.
  for (const byte of bytes) id += ALPHABET[byte % 62]
  return id
}
