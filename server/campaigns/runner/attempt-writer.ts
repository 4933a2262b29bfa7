// Attempt outcomes of campaign calls, many per transaction: at full dialing speed every
// final status callback records an attempt, and one commit per attempt would cap the
// webhook rate. The rule for what an attempt does is queues/attempts.ts afterAttempt.
import type { Db } from '../../db/client.ts'
import { afterAttempt, type AttemptOutcome, type AttemptState } from '../../queues/attempts.ts'
import type { QueueStatus } from '../../queues/compliance.ts'

export interface Attempt {
  entryId: number
  outcome: AttemptOutcome
  at: Date
  /** The dialer keeps the entry for its own call-back at this time (an abandon): it stays claimed. */
  keepClaimedUntil?: Date
}

type Row = { id: number; status: QueueStatus; attempts_today: number; attempts_total: number; last_attempt_at: Date | null; next_attempt_at: Date | null; timezone: string }

/** Records the attempts (row-locked, in entry order, so concurrent writers serialize). */
export async function recordAttempts(db: Db, attempts: Attempt[]): Promise<void> {
  const ids = [...new Set(attempts.map((a) => a.entryId))].sort((a, b) => a - b)
  await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Row[]>`
      SELECT q.id, q.status, q.attempts_today, q.attempts_total, q.last_attempt_at, q.next_attempt_at, c.timezone
      FROM queue_entries q JOIN customers c ON c.id = q.customer_id
      WHERE q.id = ANY(${ids}::int[]) ORDER BY q.id FOR UPDATE OF q`
    const states = new Map<number, AttemptState & { timezone: string }>(rows.map((r) => [r.id, {
      status: r.status, attemptsToday: r.attempts_today, attemptsTotal: r.attempts_total,
      lastAttemptAt: r.last_attempt_at, nextAttemptAt: r.next_attempt_at, timezone: r.timezone,
    }]))
    for (const a of attempts) {
      const s = states.get(a.entryId)
      if (!s) continue
      const next = afterAttempt(s, a.outcome, a.at, s.timezone)
      states.set(a.entryId, { ...next, timezone: s.timezone, ...(a.keepClaimedUntil ? { status: 'in_progress', nextAttemptAt: a.keepClaimedUntil } : {}) })
    }
    const done = [...states.entries()]
    if (done.length === 0) return
    const col = <T>(f: (s: AttemptState) => T) => done.map(([, s]) => f(s))
    await tx.$executeRaw`
      UPDATE queue_entries q SET status = u.status::"QueueStatus", attempts_today = u.today, attempts_total = u.total,
        last_attempt_at = u.last_at, next_attempt_at = u.next_at, updated_at = now()
      FROM unnest(${done.map(([id]) => id)}::int[], ${col((s) => s.status)}::text[], ${col((s) => s.attemptsToday)}::int[],
                  ${col((s) => s.attemptsTotal)}::int[], ${col((s) => s.lastAttemptAt)}::timestamptz[], ${col((s) => s.nextAttemptAt)}::timestamptz[])
        AS u(id, status, today, total, last_at, next_at)
      WHERE q.id = u.id`
  })
}
