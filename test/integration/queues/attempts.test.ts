// recordAttempt, as the dialing runtime uses it: claim, report the outcome, claim again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/client.ts'
import { recordAttempt } from '../../../server/queues/attempts.ts'
import { claimNextEntries } from '../../../server/queues/claim.ts'
import { branch, customer } from '../../fixtures.ts'
import { resetState, testDb } from '../../helper.ts'

const at = (iso: string) => new Date(iso)

describe('recordAttempt', () => {
  let db: Db
  let campaignId: number
  let entryId: number

  beforeAll(async () => {
    db = testDb()
    await resetState(db)
    const b = await branch(db, '太原')
    const c = await customer(db, { branchId: b.id })
    const campaign = await db.campaign.create({
      data: { code: 'SVC', name: 'svc', portfolio: 'pooled', schedule: [{ from: '08:30', to: '21:00' }], script: {}, dispositionForm: {}, abandonMessage: 'x' },
    })
    campaignId = campaign.id
    entryId = (await db.queueEntry.create({ data: { customerId: c.id, campaignId, asOf: at('2025-03-03'), reasons: ['ARREARS_PREPAID'], priority: 1, status: 'queued' } })).id
  })
  afterAll(async () => db.$disconnect())

  const claim = (iso: string) => claimNextEntries(db, { campaignId, limit: 5, now: at(iso) })

  it('spaces three unanswered tries with growing gaps, then waits for the next morning', async () => {
    // 09:00 Shanghai
    expect(await claim('2025-03-03T01:00:00Z')).toHaveLength(1)
    expect(await recordAttempt(db, { entryId, outcome: 'no_answer', at: at('2025-03-03T01:00:30Z') }))
      .toMatchObject({ status: 'scheduled', attemptsToday: 1, attemptsTotal: 1, nextAttemptAt: at('2025-03-03T01:30:30Z') })
    expect(await claim('2025-03-03T01:30:00Z')).toHaveLength(0)
    expect(await claim('2025-03-03T01:31:00Z')).toHaveLength(1)
    expect(await recordAttempt(db, { entryId, outcome: 'busy', at: at('2025-03-03T01:31:00Z') }))
      .toMatchObject({ attemptsToday: 2, nextAttemptAt: at('2025-03-03T02:31:00Z') })
    expect(await claim('2025-03-03T02:31:00Z')).toHaveLength(1)
    expect(await recordAttempt(db, { entryId, outcome: 'machine', at: at('2025-03-03T02:32:00Z') }))
      .toMatchObject({ attemptsToday: 3, nextAttemptAt: at('2025-03-04T00:00:00Z') })
    // the rest of the day: nothing; 08:00 next morning is outside this campaign's window (08:30)
    expect(await claim('2025-03-03T12:00:00Z')).toHaveLength(0)
    expect(await claim('2025-03-04T00:10:00Z')).toHaveLength(0)
    expect(await claim('2025-03-04T00:31:00Z')).toHaveLength(1)
  })

  it('a connected call finishes the entry', async () => {
    expect(await recordAttempt(db, { entryId, outcome: 'connected', at: at('2025-03-04T00:32:00Z') }))
      .toMatchObject({ status: 'done', attemptsToday: 1, attemptsTotal: 4, nextAttemptAt: null })
    expect(await claim('2025-03-04T02:00:00Z')).toHaveLength(0)
  })

  it('rejects an unknown entry', async () => {
    await expect(recordAttempt(db, { entryId: 999_999, outcome: 'busy', at: new Date() })).rejects.toThrow(/not found/)
  })
})
