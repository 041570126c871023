import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { encodeRequest, ReportDecoder } from './protocol.ts'

function frame(type: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(5)
  header.write(type, 0, 'latin1')
  header.writeUInt32LE(payload.length, 1)
  return Buffer.concat([header, payload])
}

describe('supervisor protocol', () => {
  it('encodes files, env, globs, caps, phases and ends with G', () => {
    const bytes = Buffer.concat(
      encodeRequest({
        files: [{ name: 'a.py', mode: 0o644, bytes: Buffer.from('print(1)') }],
        env: { A: 'b' },
        outputGlobs: ['*.txt'],
        outputCaps: { fileSize: 1, totalSize: 2, files: 3 },
        compile: { argv: ['cc', 'x.c'], rlimits: [] },
        run: { argv: ['./a.out'], rlimits: [{ resource: 0, value: 2.5 }] },
      }),
    )
    const types: string[] = []
    for (let offset = 0; offset < bytes.length; ) {
      types.push(String.fromCharCode(bytes[offset] as number))
      offset += 5 + bytes.readUInt32LE(offset + 1)
    }
    assert.deepEqual(types, ['F', 'E', 'O', 'C', 'P', 'A', 'A', 'P', 'A', 'L', 'G'])
    const file = bytes.subarray(5, 5 + bytes.readUInt32LE(1))
    assert.equal(file.readUInt32LE(0), 0o644)
    assert.equal(file.subarray(4).toString(), 'a.py\0print(1)')
  })

  it('decodes records split across chunks', () => {
    const stream = Buffer.concat([
      frame('s', Buffer.alloc(0)),
      frame('r', Buffer.from('signal 11 1500 500 2048 250000')),
      frame('f', Buffer.concat([Buffer.from('out/x.txt\0'), Buffer.from([1]), Buffer.from('data')])),
      frame('d', Buffer.alloc(0)),
    ])
    const decoder = new ReportDecoder(1024)
    const records = [
      ...decoder.push(stream.subarray(0, 7)),
      ...decoder.push(stream.subarray(7, 20)),
      ...decoder.push(stream.subarray(20)),
    ]
    assert.deepEqual(records[0], { type: 'run-started' })
    assert.deepEqual(records[1], {
      type: 'ran',
      report: {
        kind: 'signal',
        value: 11,
        userSeconds: 0.0015,
        systemSeconds: 0.0005,
        maxRssKb: 2048,
        wallSeconds: 0.25,
      },
    })
    assert.deepEqual(records[2], {
      type: 'output-file',
      name: 'out/x.txt',
      truncated: true,
      bytes: Buffer.from('data'),
    })
    assert.deepEqual(records[3], { type: 'done' })
  })

  it('refuses oversized and unknown records', () => {
    assert.throws(() => new ReportDecoder(10).push(frame('o', Buffer.alloc(11))), /exceeds/)
    assert.throws(() => new ReportDecoder(10).push(frame('z', Buffer.alloc(1))), /unknown/)
  })
})
