// fast-check generators of dial-time facts, shared by the pure property tests and the test
// that runs the same cases through claim.ts's SQL.
import fc from 'fast-check'
import type { DialFacts } from '../../../server/queues/compliance.ts'

export const ZONES = ['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Kolkata', 'Europe/London', 'America/New_York'] as const
const BASE = Date.parse('2025-03-03T00:00:00Z')
export const DAY = 86_400_000

/** An instant within a fortnight, on whole minutes (SQL and Intl agree to the second). */
export const instant = fc.integer({ min: 0, max: 14 * 24 * 60 }).map((m) => new Date(BASE + m * 60_000))

const clock = fc.integer({ min: 0, max: 23 * 60 + 59 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`)
const window = fc.tuple(clock, clock).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }))

export const phone = fc.integer({ min: 0, max: 5 }).map((n) => `+861390000000${n}`)

/** Facts for one entry; `now` lies within the generated history. */
export const dialFacts = fc.record({
  status: fc.constantFrom(...(['queued', 'scheduled', 'in_progress', 'done', 'retired', 'blocked'] as const)),
  attemptsToday: fc.integer({ min: 0, max: 5 }),
  lastAttemptAt: fc.option(instant, { nil: null }),
  nextAttemptAt: fc.option(instant, { nil: null }),
  customer: fc.record({
    status: fc.constantFrom(...(['active', 'single_stop', 'double_stop', 'closed'] as const)),
    msisdn: phone,
    altPhone: fc.option(phone, { nil: null }),
    timezone: fc.constantFrom(...ZONES),
    marketingOptOut: fc.boolean(),
  }),
  campaign: fc.record({
    marketing: fc.boolean(),
    schedule: fc.array(window, { minLength: 0, maxLength: 3 }),
  }),
  dnc: fc.array(fc.record({ msisdn: phone, scope: fc.constantFrom(...(['all', 'marketing'] as const)) }), { maxLength: 2 }),
  contacts: fc.array(fc.record({ at: instant, marketing: fc.boolean() }), { maxLength: 4 }),
  otherInProgress: fc.boolean(),
}) satisfies fc.Arbitrary<DialFacts>

/** Wall-clock hour in a zone, computed independently of compliance.ts (toLocaleString). */
export function hourIn(at: Date, timeZone: string): number {
  return Number(at.toLocaleString('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }))
}

export const sameLocalDay = (a: Date, b: Date, timeZone: string) =>
  a.toLocaleDateString('en-CA', { timeZone }) === b.toLocaleDateString('en-CA', { timeZone })
