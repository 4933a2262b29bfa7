// What a dial attempt does to its queue entry. The dialing runtime calls recordAttempt once
// per placed call when its outcome is known; the counters feed the attempt limit and the
// retry gaps that claim.ts enforces.
import { NotFoundError } from '../common/errors.ts'
import type { Db } from '../db/client.ts'
import { attemptsToday, localDate, MAX_ATTEMPTS_PER_DAY, QUIET_TO, retryGapMinutes, wallClockToInstant, type QueueStatus } from './compliance.ts'

export type AttemptOutcome = 'no_answer' | 'busy' | 'failed' | 'machine' | 'abandoned' | 'connected'
export const ATTEMPT_OUTCOMES: readonly AttemptOutcome[] = ['no_answer', 'busy', 'failed', 'machine', 'abandoned', 'connected']

export interface AttemptState {
  status: QueueStatus
  attemptsToday: number
  attemptsTotal: number
  lastAttemptAt: Date | null
  nextAttemptAt: Date | null
}

/** The instant the customer's quiet hours end on the local day after `at`. */
export function nextMorning(at: Date, timeZone: string): Date {
  const [y, m, d] = localDate(at, timeZone).split('-').map(Number) as [number, number, number]
  const tomorrow = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)
  return wallClockToInstant(tomorrow, QUIET_TO, timeZone)
}

/**
 * The entry after one attempt at `at`. connected → done. Otherwise another try the same day
 * after a growing gap (30, 60 min), and after the third unanswered try of the day, the next
 * morning. An entry that is no longer in_progress (blocked by a refusal during the call,
 * retired by a rules run) keeps its status; only the counters move.
 */
export function afterAttempt(entry: AttemptState, outcome: AttemptOutcome, at: Date, timeZone: string): AttemptState {
  const today = attemptsToday(entry, at, timeZone) + 1
  const base = { attemptsToday: today, attemptsTotal: entry.attemptsTotal + 1, lastAttemptAt: at }
  const claimed = entry.status === 'in_progress'
  if (outcome === 'connected') return { ...base, status: claimed ? 'done' : entry.status, nextAttemptAt: null }
  const nextAttemptAt = today < MAX_ATTEMPTS_PER_DAY
    ? new Date(at.getTime() + retryGapMinutes(today) * 60_000)
    : nextMorning(at, timeZone)
  return { ...base, status: claimed ? 'scheduled' : entry.status, nextAttemptAt }
}

export interface AttemptReport {
  entryId: number
  outcome: AttemptOutcome
  at: Date
}

/** Records one attempt's outcome on its entry (row-locked, so concurrent reports serialize). */
export async function recordAttempt(db: Db, report: AttemptReport): Promise<AttemptState> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ status: QueueStatus; attempts_today: number; attempts_total: number; last_attempt_at: Date | null; next_attempt_at: Date | null; timezone: string }[]>`
      SELECT q.status, q.attempts_today, q.attempts_total, q.last_attempt_at, q.next_attempt_at, c.timezone
      FROM queue_entries q JOIN customers c ON c.id = q.customer_id
      WHERE q.id = ${report.entryId} FOR UPDATE OF q`
    const row = rows[0]
    if (!row) throw new NotFoundError(`queue entry ${report.entryId}`)
    const next = afterAttempt({
      status: row.status, attemptsToday: row.attempts_today, attemptsTotal: row.attempts_total,
      lastAttemptAt: row.last_attempt_at, nextAttemptAt: row.next_attempt_at,
    }, report.outcome, report.at, row.timezone)
    await tx.queueEntry.update({ where: { id: report.entryId }, data: { ...next, updatedAt: report.at } })
    return next
  })
}
