import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { describe, it } from 'node:test'
import type { SubmissionRecord } from '../types.ts'
import type { StoreHandle } from './fixtures.ts'

function submission(overrides: Partial<SubmissionRecord> = {}): SubmissionRecord {
  return {
    token: randomUUID(),
    statusId: 1,
    languageId: 71,
    createdAt: new Date().toISOString(),
    data: { source_code: 'cHJpbnQoMSk=', stdin: null, number_of_runs: 1, nested: { list: [1, 'two'] } },
    ...overrides,
  }
}

/** Judge0 submissions: saved whole, claimed atomically, listed newest first, counted. */
export function submissionCases(handle: StoreHandle): void {
  describe('judge0 submissions', () => {
    it('saves, replaces, reads one or many, and deletes', async () => {
      const repository = handle.store.submissions
      const first = submission()
      await repository.save(first)
      assert.deepEqual(await repository.get(first.token), first)
      const finished = {
        ...first,
        statusId: 3,
        finishedAt: new Date().toISOString(),
        data: { stdout: 'MQo=' },
      }
      await repository.save(finished)
      assert.deepEqual(await repository.get(first.token), finished)
      const second = submission()
      await repository.save(second)
      const many = await repository.getMany([second.token, 'missing', first.token])
      assert.deepEqual(many.map((record) => record.token).sort(), [first.token, second.token].sort())
      assert.deepEqual(await repository.getMany([]), [])
      assert.equal(await repository.delete(first.token), true)
      assert.equal(await repository.delete(first.token), false)
      assert.equal(await repository.get(first.token), undefined)
      await repository.delete(second.token)
    })

    it('transitions a status only from the expected one, so a submission is claimed once', async () => {
      const repository = handle.store.submissions
      const queued = submission()
      await repository.save(queued)
      const claims = await Promise.all([
        repository.transition(queued.token, 1, 2),
        repository.transition(queued.token, 1, 2),
      ])
      assert.deepEqual(claims.sort(), [false, true])
      assert.equal((await repository.get(queued.token))?.statusId, 2)
      assert.equal(await repository.transition('missing', 1, 2), false)
      await repository.delete(queued.token)
    })

    it('lists newest first with pages, unfinished ones oldest first, and counts', async () => {
      const repository = handle.store.submissions
      const base = Date.parse('2030-01-01T00:00:00.000Z')
      const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString()
      const records = [
        submission({ createdAt: at(0), statusId: 3, languageId: 71 }),
        submission({ createdAt: at(1), statusId: 2, languageId: 71 }),
        submission({ createdAt: at(2), statusId: 1, languageId: 63 }),
        submission({ createdAt: at(3), statusId: 6, languageId: 54 }),
      ]
      for (const record of records) await repository.save(record)
      const page = await repository.list({ page: 1, size: 3 })
      assert.ok(page.total >= 4)
      assert.deepEqual(
        page.results.slice(0, 3).map((record) => record.token),
        [records[3], records[2], records[1]].map((record) => record?.token),
      )
      const secondPage = await repository.list({ page: 2, size: 3 })
      assert.equal(secondPage.results[0]?.token, records[0]?.token)
      const unfinished = (await repository.listUnfinished()).map((record) => record.token)
      assert.deepEqual(
        unfinished.filter((token) => records.some((record) => record.token === token)),
        [records[1]?.token, records[2]?.token],
      )
      const statistics = await repository.statistics([at(2), at(100)])
      assert.ok(statistics.total >= 4)
      assert.deepEqual(statistics.createdSince, [2, 0])
      assert.ok((statistics.byLanguage.find((entry) => entry.languageId === 71)?.count ?? 0) >= 2)
      assert.ok((statistics.byStatus.find((entry) => entry.statusId === 6)?.count ?? 0) >= 1)
      for (const record of records) await repository.delete(record.token)
    })
  })
}
