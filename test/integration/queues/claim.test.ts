// claim.ts states the compliance rules in SQL; this proves on generated cases that it picks
// exactly the entries the pure rules (compliance.ts, property-tested in test/unit/queues)
// allow, so the unit properties hold for what is really dialed.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/client.ts'
import { claimNextEntries, peekNextEntries } from '../../../server/queues/claim.ts'
import { isContactCall, refusal, type DialFacts } from '../../../server/queues/compliance.ts'
import { branch } from '../../fixtures.ts'
import { resetState, testDb } from '../../helper.ts'
import { instant, ZONES } from '../../unit/queues/dial-facts.ts'

const CENTRE = 'Asia/Shanghai'
const CUSTOMERS = 6
const number = (i: number) => `+861390001${String(i).padStart(4, '0')}`
const alt = (i: number) => `+861370001${String(i).padStart(4, '0')}`

const clock = fc.integer({ min: 0, max: 1439 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`)
const window = fc.tuple(clock, clock).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }))
const entryArb = fc.record({
  status: fc.constantFrom(...(['queued', 'queued', 'scheduled', 'in_progress', 'done', 'blocked'] as const)),
  attemptsToday: fc.integer({ min: 0, max: 4 }),
  lastAttemptAt: fc.option(instant, { nil: null }),
  nextAttemptAt: fc.option(instant, { nil: null }),
  priority: fc.integer({ min: 1, max: 100 }),
})
const caseArb = fc.record({
  now: instant,
  schedules: fc.tuple(fc.array(window, { maxLength: 3 }), fc.array(window, { maxLength: 3 })),
  customers: fc.array(fc.record({
    status: fc.constantFrom(...(['active', 'active', 'single_stop', 'double_stop', 'closed'] as const)),
    hasAlt: fc.boolean(),
    timezone: fc.constantFrom(...ZONES),
    marketingOptOut: fc.boolean(),
    entries: fc.tuple(entryArb, entryArb),
    calls: fc.array(fc.record({ at: instant, campaign: fc.integer({ min: 0, max: 1 }), answeredBy: fc.constantFrom('human', 'machine_start', 'unknown', null), answered: fc.boolean() }), { maxLength: 3 }),
  }), { minLength: CUSTOMERS, maxLength: CUSTOMERS }),
  dnc: fc.array(fc.record({ who: fc.integer({ min: 0, max: CUSTOMERS - 1 }), alt: fc.boolean(), scope: fc.constantFrom(...(['all', 'marketing'] as const)) }), { maxLength: 3 }),
})
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never

describe('claim.ts applies the compliance rules in SQL', () => {
  let db: Db
  let branchId: number
  let campaigns: { id: number; marketing: boolean }[]

  beforeAll(async () => {
    db = testDb()
    await resetState(db)
    branchId = (await branch(db, '太原')).id
    const make = (code: string, marketing: boolean) => db.campaign.create({
      data: { code, name: code, marketing, portfolio: 'pooled', schedule: [], script: {}, dispositionForm: {}, abandonMessage: 'x' },
    })
    campaigns = [await make('MKT', true), await make('SVC', false)]
  })
  afterAll(async () => db.$disconnect())

  async function arrange(c: Case) {
    for (const table of ['calls', 'queue_entries', 'do_not_call', 'customers']) await db.$executeRawUnsafe(`DELETE FROM ${table}`)
    for (const [k, schedule] of c.schedules.entries()) await db.campaign.update({ where: { id: campaigns[k]!.id }, data: { schedule } })
    const customers = await db.customer.createManyAndReturn({
      data: c.customers.map((cu, i) => ({
        msisdn: number(i), altPhone: cu.hasAlt ? alt(i) : null, name: `c${i}`, branchId, network: 'G' as const, tier: 'gold' as const, cardType: 'normal' as const,
        payment: 'postpaid' as const, status: cu.status, joinedOn: new Date('2020-01-01'), timezone: cu.timezone, marketingOptOut: cu.marketingOptOut,
      })),
    })
    await db.call.createMany({
      data: c.customers.flatMap((cu, i) => cu.calls.map((call, n) => ({
        callSid: `CA${i}x${n}`, direction: 'outbound' as const, campaignId: campaigns[call.campaign]!.id, customerId: customers[i]!.id, fromNumber: '+8610000', toNumber: number(i),
        status: 'completed', createdAt: call.at, answeredAt: call.answered ? call.at : null, answeredBy: call.answeredBy,
      }))),
    })
    const rows = await db.queueEntry.createManyAndReturn({
      data: c.customers.flatMap((cu, i) => cu.entries.map((e, k) => ({
        customerId: customers[i]!.id, campaignId: campaigns[k]!.id, asOf: new Date('2025-03-01'), reasons: ['X'], ...e, dialNumber: null,
      }))),
    })
    const dnc = c.dnc.map((d) => ({ msisdn: d.alt ? alt(d.who) : number(d.who), scope: d.scope }))
    const entries = c.customers.flatMap((cu, i) => {
      const contacts = cu.calls
        .filter((k) => isContactCall({ answeredAt: k.answered ? k.at : null, answeredBy: k.answeredBy }))
        .map((k) => ({ at: k.at, marketing: campaigns[k.campaign]!.marketing }))
      return cu.entries.map((e, k): { id: number; facts: DialFacts } => ({
        id: rows[i * 2 + k]!.id,
        facts: {
          ...e,
          customer: { status: cu.status, msisdn: number(i), altPhone: cu.hasAlt ? alt(i) : null, timezone: cu.timezone, marketingOptOut: cu.marketingOptOut },
          campaign: { marketing: campaigns[k]!.marketing, schedule: c.schedules[k]! },
          dnc, contacts,
          otherInProgress: cu.entries[1 - k]!.status === 'in_progress',
        },
      }))
    })
    await db.doNotCall.createMany({ data: [...new Map(dnc.map((d) => [d.msisdn, d.scope]))].map(([msisdn, scope]) => ({ msisdn, scope, reason: 'test', source: 'test' })) })
    return entries
  }

  it('selects exactly the entries the pure rules allow, and claims what it selected', async () => {
    let dialableSeen = 0
    await fc.assert(fc.asyncProperty(caseArb, async (c) => {
      const entries = await arrange(c)
      for (const campaign of campaigns) {
        const allowed = entries
          .filter((e) => e.facts.campaign.marketing === campaign.marketing && refusal(e.facts, c.now, CENTRE) === null)
          .map((e) => e.id).sort((a, b) => a - b)
        const peeked = await peekNextEntries(db, { campaignId: campaign.id, limit: 100, now: c.now, centreTimeZone: CENTRE })
        expect(peeked.map((t) => t.entryId).sort((a, b) => a - b)).toEqual(allowed)
        dialableSeen += allowed.length
      }
      const peek = await peekNextEntries(db, { campaignId: campaigns[0]!.id, limit: 100, now: c.now, centreTimeZone: CENTRE })
      const claimed = await claimNextEntries(db, { campaignId: campaigns[0]!.id, limit: 100, now: c.now, centreTimeZone: CENTRE })
      expect(claimed).toEqual(peek)
      for (const t of claimed) {
        const row = await db.queueEntry.findUniqueOrThrow({ where: { id: t.entryId } })
        expect(row).toMatchObject({ status: 'in_progress', dialNumber: t.dialNumber })
      }
    }), { numRuns: 60 })
    expect(dialableSeen).toBeGreaterThan(0)
  })

  it('claims by priority and never hands one entry to two concurrent claimers', async () => {
    await db.$executeRawUnsafe('TRUNCATE calls, queue_entries, do_not_call, customers RESTART IDENTITY CASCADE')
    await db.campaign.update({ where: { id: campaigns[1]!.id }, data: { schedule: [{ from: '00:00', to: '23:59' }] } })
    for (let i = 0; i < 40; i++) {
      const customer = await db.customer.create({
        data: { msisdn: number(i), name: `c${i}`, branchId, network: 'G', tier: 'gold', cardType: 'normal', payment: 'postpaid', status: 'active', joinedOn: new Date('2020-01-01') },
      })
      await db.queueEntry.create({ data: { customerId: customer.id, campaignId: campaigns[1]!.id, asOf: new Date('2025-03-01'), reasons: ['X'], priority: i, status: 'queued' } })
    }
    const now = new Date('2025-03-03T03:00:00Z') // 11:00 in Shanghai
    const batches = await Promise.all(Array.from({ length: 5 }, () => claimNextEntries(db, { campaignId: campaigns[1]!.id, limit: 10, now })))
    // A claimer may come back short when it loses a race; a later claim gets the rest.
    const rest = await claimNextEntries(db, { campaignId: campaigns[1]!.id, limit: 50, now })
    const ids = [...batches.flat(), ...rest].map((t) => t.entryId)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.length).toBe(40)
    for (const b of batches) expect(b.map((t) => t.priority)).toEqual([...b.map((t) => t.priority)].sort((x, y) => y - x))
  })
})
