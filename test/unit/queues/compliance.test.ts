// Property tests of the dial-time compliance rules: whatever the facts, an entry is never
// dialable in quiet hours, for a do-not-call number, past its daily attempt limit, beyond
// the marketing frequency cap, or on the main line of a double-stop customer. The checks
// recompute each condition independently of compliance.ts.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { afterAttempt } from '../../../server/queues/attempts.ts'
import { dialNumberOf, FREQUENCY_CAP_CALLS, inCampaignWindow, isDialable, MAX_ATTEMPTS_PER_DAY, refusal, wallClockToInstant, type DialFacts } from '../../../server/queues/compliance.ts'
import { DAY, dialFacts, hourIn, instant, sameLocalDay, ZONES } from './dial-facts.ts'

const CENTRE = 'Asia/Shanghai'
const dialable = fc.tuple(dialFacts, instant).filter(([f, now]) => isDialable(f, now, CENTRE))

describe('dial-time compliance (properties)', () => {
  it('finds dialable cases at all (the generators are not vacuous)', () => {
    // Seeded: the count is a property of the generators, not of one lucky draw.
    const found = fc.sample(fc.tuple(dialFacts, instant), { numRuns: 10_000, seed: 20261123 }).filter(([f, now]) => isDialable(f, now, CENTRE))
    expect(found.length).toBeGreaterThan(20)
  })

  it('never in quiet hours (22:00–08:00) of the customer', () => {
    fc.assert(fc.property(dialable, ([f, now]) => {
      const h = hourIn(now, f.customer.timezone)
      expect(h >= 8 && h < 22).toBe(true)
    }), { numRuns: 300 })
  })

  it('never for a number on the do-not-call list, never marketing to someone who refused it', () => {
    fc.assert(fc.property(dialable, ([f]) => {
      const own = [f.customer.msisdn, dialNumberOf(f.customer)]
      expect(f.dnc.some((d) => d.scope === 'all' && own.includes(d.msisdn))).toBe(false)
      if (f.campaign.marketing) {
        expect(f.customer.marketingOptOut).toBe(false)
        expect(f.dnc.some((d) => own.includes(d.msisdn))).toBe(false)
      }
    }), { numRuns: 300 })
  })

  it('never past the attempt limit of the day, nor before the retry time', () => {
    fc.assert(fc.property(dialable, ([f, now]) => {
      const today = f.lastAttemptAt && sameLocalDay(f.lastAttemptAt, now, f.customer.timezone) ? f.attemptsToday : 0
      expect(today).toBeLessThan(MAX_ATTEMPTS_PER_DAY)
      if (f.nextAttemptAt) expect(f.nextAttemptAt.getTime()).toBeLessThanOrEqual(now.getTime())
    }), { numRuns: 300 })
  })

  it('never beyond the frequency cap for marketing; service calls are exempt', () => {
    fc.assert(fc.property(dialable, ([f, now]) => {
      const recent = f.contacts.filter((c) => c.marketing && c.at <= now && now.getTime() - c.at.getTime() < 7 * DAY).length
      if (f.campaign.marketing) expect(recent).toBeLessThan(FREQUENCY_CAP_CALLS)
    }), { numRuns: 300 })
    // the exemption is real: a service call goes out even at the cap
    const capped: DialFacts = {
      status: 'queued', attemptsToday: 0, lastAttemptAt: null, nextAttemptAt: null,
      customer: { status: 'active', msisdn: '+8613900000001', altPhone: null, timezone: CENTRE, marketingOptOut: false },
      campaign: { marketing: false, schedule: [{ from: '08:00', to: '22:00' }] },
      dnc: [], contacts: [{ at: new Date('2025-03-03T01:00:00Z'), marketing: true }, { at: new Date('2025-03-04T01:00:00Z'), marketing: true }],
      otherInProgress: false,
    }
    const now = new Date('2025-03-05T02:00:00Z')
    expect(isDialable(capped, now, CENTRE)).toBe(true)
    expect(refusal({ ...capped, campaign: { ...capped.campaign, marketing: true } }, now, CENTRE)).toBe('frequency_cap')
  })

  it('dials double-stop customers on their alternate number only, and only inside the campaign windows', () => {
    fc.assert(fc.property(dialable, ([f, now]) => {
      if (f.customer.status === 'double_stop') expect(dialNumberOf(f.customer)).toBe(f.customer.altPhone)
      expect(f.customer.status).not.toBe('closed')
      expect(inCampaignWindow(now, f.campaign.schedule, CENTRE)).toBe(true)
    }), { numRuns: 300 })
  })
})

describe('attempts and retry gaps (properties)', () => {
  it('a day of unanswered calls makes at most 3 attempts, with growing gaps, then waits for the morning', () => {
    fc.assert(fc.property(fc.constantFrom(...ZONES), fc.integer({ min: 0, max: 6 * 24 * 60 }), (zone, startMinute) => {
      let state = { status: 'in_progress' as const, attemptsToday: 0, attemptsTotal: 0, lastAttemptAt: null as Date | null, nextAttemptAt: null as Date | null }
      let now = new Date(Date.parse('2025-03-03T00:00:00Z') + startMinute * 60_000)
      const attempts: Date[] = []
      const facts = (): DialFacts => ({
        ...state, status: 'scheduled',
        customer: { status: 'active', msisdn: '+8613900000001', altPhone: null, timezone: zone, marketingOptOut: false },
        campaign: { marketing: false, schedule: [{ from: '00:00', to: '23:59' }] },
        dnc: [], contacts: [], otherInProgress: false,
      })
      // Try every 5 minutes for two days, dialing whenever compliance allows.
      for (let t = 0; t < 2 * 24 * 12; t++, now = new Date(now.getTime() + 5 * 60_000)) {
        if (!isDialable(facts(), now, CENTRE)) continue
        attempts.push(now)
        state = { ...afterAttempt({ ...state, status: 'in_progress' }, 'no_answer', now, zone), status: 'in_progress' }
      }
      const byDay = new Map<string, Date[]>()
      for (const a of attempts) {
        const key = a.toLocaleDateString('en-CA', { timeZone: zone })
        byDay.set(key, [...(byDay.get(key) ?? []), a])
      }
      for (const day of byDay.values()) {
        expect(day.length).toBeLessThanOrEqual(MAX_ATTEMPTS_PER_DAY)
        const gaps = day.slice(1).map((a, i) => a.getTime() - day[i]!.getTime())
        for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeGreaterThan(gaps[i - 1]!)
        if (gaps.length) expect(gaps[0]!).toBeGreaterThanOrEqual(30 * 60_000)
      }
    }), { numRuns: 100 })
  })

  it('connected ends the entry; a third failure today schedules 08:00 next morning in the customer zone', () => {
    const at = new Date('2025-03-03T12:00:00Z') // 20:00 in Shanghai
    const base = { status: 'in_progress' as const, attemptsToday: 2, attemptsTotal: 5, lastAttemptAt: new Date('2025-03-03T08:00:00Z'), nextAttemptAt: null }
    expect(afterAttempt(base, 'connected', at, CENTRE)).toMatchObject({ status: 'done', attemptsToday: 3, attemptsTotal: 6, nextAttemptAt: null })
    expect(afterAttempt(base, 'busy', at, CENTRE)).toMatchObject({ status: 'scheduled', attemptsToday: 3, nextAttemptAt: new Date('2025-03-04T00:00:00Z') })
    expect(afterAttempt(base, 'busy', at, 'America/New_York').nextAttemptAt).toEqual(wallClockToInstant('2025-03-04', '08:00', 'America/New_York'))
    // yesterday's attempts do not count today
    const yesterday = { ...base, lastAttemptAt: new Date('2025-03-02T08:00:00Z') }
    expect(afterAttempt(yesterday, 'no_answer', at, CENTRE)).toMatchObject({ attemptsToday: 1, nextAttemptAt: new Date(at.getTime() + 30 * 60_000) })
    // an entry blocked by a refusal during the call stays blocked
    expect(afterAttempt({ ...base, status: 'blocked' as never }, 'connected', at, CENTRE).status).toBe('blocked')
  })
})
