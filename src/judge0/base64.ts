/**
 * Strict base64 (RFC 4648 §4, standard alphabet, `=` padding, no line breaks or blanks), both ways. Judge0
 * decodes leniently and encodes with a line break every 60 characters, which breaks clients that decode
 * strictly; Verity refuses malformed input with the field's name and never emits a line break.
 */
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** Decodes strict base64, or returns `undefined` when the text is not strict base64. */
export function decodeBase64(text: string): Buffer | undefined {
  if (!STRICT_BASE64.test(text)) return undefined
  return Buffer.from(text, 'base64')
}

/** Encodes bytes or UTF-8 text as base64 on one line. */
export function encodeBase64(content: Uint8Array | string): string {
  return (typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content)).toString(
    'base64',
  )
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Decodes base64-held bytes as UTF-8 text, or returns `undefined` when they are not valid UTF-8. */
export function base64ToUtf8(base64: string): string | undefined {
  try {
    return utf8.decode(Buffer.from(base64, 'base64'))
  } catch {
    return undefined
  }
}
