import { randomBytes } from 'node:crypto'

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * A 22-character base62 id (about 131 bits), the shape of Kestra's execution and task run ids: URL- and
 * file-name-safe, no separators.
 */
export function newId(): string {
  if (offset + ID_LENGTH > pool.length) {
    pool = randomBytes(POOL_SIZE)
    offset = 0
  }
  let id = ''
  // 256 % 62 leaves a slight bias on a few characters; irrelevant for uniqueness at 131 bits.
  for (let index = 0; index < ID_LENGTH; index++) id += ALPHABET[pool[offset + index] % 62]
  offset += ID_LENGTH
  return id
}

const ID_LENGTH = 22
// One system call per ~190 ids instead of one per id (ids are made on the engine's hot path).
const POOL_SIZE = 4096
let pool = Buffer.alloc(0)
let offset = 0
