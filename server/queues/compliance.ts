// Dial-time compliance as pure functions (domain.md "The working day", architecture.md
// "Compliance facts"). compliance-sql.ts states the same predicates in SQL for claim.ts;
// test/integration/queues/claim.test.ts proves on generated data that both agree.
import type { Schedule } from '../campaigns/schemas.ts'

/** Never disturb 22:00–08:00 in the customer's own zone. */
export const QUIET_FROM = '22:00'
export const QUIET_TO = '08:00'
export const MAX_ATTEMPTS_PER_DAY = 3
/** Gap after the n-th unanswered attempt of a day: 30 min, then 60 min (doubling). */
export const FIRST_RETRY_GAP_MINUTES = 30
/** Marketing contacts (answered calls) allowed per customer in the rolling window; service calls are exempt. */
export const FREQUENCY_CAP_CALLS = 2
export const FREQUENCY_CAP_DAYS = 7

export type QueueStatus = 'queued' | 'scheduled' | 'in_progress' | 'done' | 'retired' | 'blocked'
export type CustomerStatus = 'active' | 'single_stop' | 'double_stop' | 'closed'

const formatters = new Map<string, Intl.DateTimeFormat>()
function parts(at: Date, timeZone: string) {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    formatters.set(timeZone, f)
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]))
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` }
}

/** 'HH:MM' wall-clock time at `at` in `timeZone`. */
export const localTime = (at: Date, timeZone: string) => parts(at, timeZone).time
/** 'YYYY-MM-DD' calendar date at `at` in `timeZone`. */
export const localDate = (at: Date, timeZone: string) => parts(at, timeZone).date

/** The instant at which the wall clock in `timeZone` shows `date` `time` (YYYY-MM-DD, HH:MM). */
export function wallClockToInstant(date: string, time: string, timeZone: string): Date {
  const guess = Date.parse(`${date}T${time}:00Z`)
  const shown = parts(new Date(guess), timeZone)
  const offset = Date.parse(`${shown.date}T${shown.time}:00Z`) - guess
  return new Date(guess - offset)
}

export function inQuietHours(at: Date, timeZone: string): boolean {
  const t = localTime(at, timeZone)
  return t >= QUIET_FROM || t < QUIET_TO
}

/** Within one of the campaign's windows ([from, to) in the centre's zone). */
export function inCampaignWindow(at: Date, schedule: Schedule, centreTimeZone: string): boolean {
  const t = localTime(at, centreTimeZone)
  return schedule.some((w) => t >= w.from && t < w.to)
}

/** Unanswered attempts that count today: the counter belongs to the day of the last attempt. */
export function attemptsToday(entry: { attemptsToday: number; lastAttemptAt: Date | null }, now: Date, timeZone: string): number {
  if (!entry.lastAttemptAt) return 0
  return localDate(entry.lastAttemptAt, timeZone) === localDate(now, timeZone) ? entry.attemptsToday : 0
}

/** Growing gaps between the attempts of one day: 30, 60, 120 ... minutes after attempt n. */
export function retryGapMinutes(attemptNumber: number): number {
  return FIRST_RETRY_GAP_MINUTES * 2 ** (attemptNumber - 1)
}

export interface DncRow { msisdn: string; scope: 'all' | 'marketing' }
export interface ContactRow { at: Date; marketing: boolean }

/** The facts claim.ts reads about one queue entry at dial time. */
export interface DialFacts {
  status: QueueStatus
  attemptsToday: number
  lastAttemptAt: Date | null
  nextAttemptAt: Date | null
  customer: { status: CustomerStatus; msisdn: string; altPhone: string | null; timezone: string; marketingOptOut: boolean }
  campaign: { marketing: boolean; schedule: Schedule }
  /** do_not_call rows (any numbers; only the ones matching this customer count). */
  dnc: DncRow[]
  /** Contacts (see isContactCall) with this customer, at answer time, with their campaign's marketing flag. */
  contacts: ContactRow[]
  /** Another entry of the same customer is being dialed right now. */
  otherInProgress: boolean
}

/** double_stop customers are dialed on their alternate number only. */
export function dialNumberOf(c: DialFacts['customer']): string | null {
  const n = c.status === 'double_stop' ? c.altPhone : c.msisdn
  return n && n.trim() !== '' ? n : null
}

/** An answered call counts as a contact when a person (not a machine) picked up. */
export function isContactCall(call: { answeredAt: Date | null; answeredBy: string | null }): boolean {
  return call.answeredAt !== null && (call.answeredBy === null || call.answeredBy === 'human' || call.answeredBy === 'unknown')
}

export function frequencyCapReached(contacts: ContactRow[], now: Date): boolean {
  const since = now.getTime() - FREQUENCY_CAP_DAYS * 86_400_000
  return contacts.filter((c) => c.marketing && c.at.getTime() > since && c.at.getTime() <= now.getTime()).length >= FREQUENCY_CAP_CALLS
}

export type Refusal =
  | 'status' | 'closed' | 'no_dial_number' | 'dnc' | 'marketing_opt_out' | 'quiet_hours'
  | 'outside_window' | 'retry_gap' | 'attempt_limit' | 'frequency_cap' | 'busy_elsewhere'

/** Why this entry may not be dialed at `now`, or null when it may. The first reason found wins. */
export function refusal(f: DialFacts, now: Date, centreTimeZone: string): Refusal | null {
  if (f.status !== 'queued' && f.status !== 'scheduled') return 'status'
  if (f.customer.status === 'closed') return 'closed'
  const number = dialNumberOf(f.customer)
  if (!number) return 'no_dial_number'
  const own = new Set([f.customer.msisdn, number])
  const refusals = f.dnc.filter((d) => own.has(d.msisdn))
  if (refusals.some((d) => d.scope === 'all')) return 'dnc'
  if (f.campaign.marketing && (f.customer.marketingOptOut || refusals.length > 0)) return 'marketing_opt_out'
  if (inQuietHours(now, f.customer.timezone)) return 'quiet_hours'
  if (!inCampaignWindow(now, f.campaign.schedule, centreTimeZone)) return 'outside_window'
  if (f.nextAttemptAt && f.nextAttemptAt.getTime() > now.getTime()) return 'retry_gap'
  if (attemptsToday(f, now, f.customer.timezone) >= MAX_ATTEMPTS_PER_DAY) return 'attempt_limit'
  if (f.campaign.marketing && frequencyCapReached(f.contacts, now)) return 'frequency_cap'
  if (f.otherInProgress) return 'busy_elsewhere'
  return null
}

export const isDialable = (f: DialFacts, now: Date, centreTimeZone: string) => refusal(f, now, centreTimeZone) === null
