// Attempt outcomes of campaign calls, many per transaction: at full dialing speed every
// final status callback records an attempt, and one commit per attempt would cap the
// webhook rate. The rule for what an attempt does is queues/attempts.ts afterAttempt.
import { sqlPool, type Db } from '../../db/client.ts'
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

const LOCK = `
  SELECT q.id, q.status, q.attempts_today, q.attempts_total, q.last_attempt_at, q.next_attempt_at, c.timezone
  FROM queue_entries q JOIN customers c ON c.id = q.customer_id
  WHERE q.id = ANY($1::int[]) ORDER BY q.id FOR UPDATE OF q`

const UPDATE = `
  UPDATE queue_entries q SET status = u.status::"QueueStatus", attempts_today = u.today, attempts_total = u.total,
    last_attempt_at = u.last_at, next_attempt_at = u.next_at, updated_at = now()
  FROM unnest($1::int[], $2::text[], $3::int[], $4::int[], $5::timestamptz[], $6::timestamptz[]) AS u(id, status, today, total, last_at, next_at)
  WHERE q.id = u.id`

/**
 * Records the attempts (row-locked, in entry order, so concurrent writers serialize). On
 * node-postgres directly: a final status callback waits for this transaction.
 */
export async function recordAttempts(db: Db, attempts: Attempt[]): Promise<void> {
  const ids = [...new Set(attempts.map((a) => a.entryId))].sort((a, b) => a - b)
  const client = await sqlPool(db).connect()
  try {
    await client.query('BEGIN')
    const { rows } = await client.query<Row>(LOCK, [ids])
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
    const done = [...states.values()]
    if (done.length) {
      await client.query(UPDATE, [[...states.keys()], done.map((s) => s.status), done.map((s) => s.attemptsToday), done.map((s) => s.attemptsTotal),
        done.map((s) => s.lastAttemptAt), done.map((s) => s.nextAttemptAt)])
    }
    await client.query('COMMIT')
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw err
  } finally {
    client.release()
  }
}
