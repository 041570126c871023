import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { CappedCapture } from './capture.ts'

describe('CappedCapture', () => {
  it('keeps everything under the cap', () => {
    const capture = new CappedCapture(10)
    capture.push(Buffer.from('hello'))
    assert.deepEqual(capture.result(), { bytes: new Uint8Array(Buffer.from('hello')), truncated: false })
  })
  it('keeps exactly the cap, flags truncation and calls onExceeded once', () => {
    let calls = 0
    const capture = new CappedCapture(4, () => calls++)
    capture.push(Buffer.from('abc'))
    capture.push(Buffer.from('def'))
    capture.push(Buffer.from('ghi'))
    assert.equal(Buffer.from(capture.result().bytes).toString(), 'abcd')
    assert.equal(capture.truncated, true)
    assert.equal(calls, 1)
  })
})
