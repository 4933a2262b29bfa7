// The predicates of compliance.ts in SQL, over queue_entries q JOIN customers c JOIN
// campaigns k. claim.ts and the dry-run ("what would be dialed next") share them; the build
// (server/queues/build.ts) uses the durable half (dialNumber, dncBlock).
import { Prisma } from '../db/client.ts'
import { FREQUENCY_CAP_CALLS, FREQUENCY_CAP_DAYS, MAX_ATTEMPTS_PER_DAY, QUIET_FROM, QUIET_TO } from './compliance.ts'

const raw = Prisma.raw

/** The number to dial: alt_phone for double-stop customers (null when they have none). */
export const dialNumberSql = (c: string) =>
  `nullif(btrim(CASE WHEN ${c}.status = 'double_stop' THEN ${c}.alt_phone ELSE ${c}.msisdn END), '')`

/** The facts a durable block is decided on, as SQL boolean / text expressions. */
export interface BlockFacts { dncAll: string; dncAny: string; optOut: string; marketing: string; dialNumber: string }

/** Why the entry is blocked whatever the hour ('dnc', 'marketing_opt_out', 'no_alt_phone'), or NULL. */
export const blockReasonSql = (f: BlockFacts) => `CASE
    WHEN ${f.dncAll} THEN 'dnc'
    WHEN ${f.marketing} AND (${f.optOut} OR ${f.dncAny}) THEN 'marketing_opt_out'
    WHEN ${f.dialNumber} IS NULL THEN 'no_alt_phone'
  END`

/** The do-not-call rows that concern customer `c`: those of the numbers it is (or would be) dialed on. */
const dncOf = (c: string, scope: string) =>
  `EXISTS (SELECT 1 FROM do_not_call d WHERE ${scope} d.msisdn IN (${c}.msisdn, ${dialNumberSql(c)}))`

/** blockReasonSql for customer `c` in campaign `k`, reading do_not_call at this moment (dial time). */
export const durableBlockSql = (c: string, k: string) => blockReasonSql({
  dncAll: dncOf(c, `d.scope = 'all' AND`), dncAny: dncOf(c, ''), optOut: `${c}.marketing_opt_out`, marketing: `${k}.marketing`, dialNumber: dialNumberSql(c),
})

/** SQL twin of isContactCall: an answered call a person (not a machine) picked up. */
export const contactCallSql = (x: string) =>
  `${x}.answered_at IS NOT NULL AND (${x}.answered_by IS NULL OR ${x}.answered_by IN ('human', 'unknown'))`

/** Everything `refusal()` checks, true when the entry may be dialed at `now`. */
export function dialableSql(now: Date, centreTimeZone: string): Prisma.Sql {
  const local = Prisma.sql`(${now}::timestamptz AT TIME ZONE c.timezone)`
  const centre = Prisma.sql`(${now}::timestamptz AT TIME ZONE ${centreTimeZone})::time`
  return Prisma.sql`
    q.status IN ('queued', 'scheduled')
    AND c.status <> 'closed'
    AND ${raw(durableBlockSql('c', 'k'))} IS NULL
    AND NOT (${local}::time >= ${QUIET_FROM}::time OR ${local}::time < ${QUIET_TO}::time)
    AND EXISTS (SELECT 1 FROM jsonb_array_elements(k.schedule) w
                WHERE ${centre} >= (w->>'from')::time AND ${centre} < (w->>'to')::time)
    AND (q.next_attempt_at IS NULL OR q.next_attempt_at <= ${now})
    AND (q.last_attempt_at IS NULL
         OR (q.last_attempt_at AT TIME ZONE c.timezone)::date <> ${local}::date
         OR q.attempts_today < ${MAX_ATTEMPTS_PER_DAY})
    AND (NOT k.marketing OR (
      SELECT count(*) FROM calls x JOIN campaigns xk ON xk.id = x.campaign_id
      WHERE x.customer_id = q.customer_id AND xk.marketing AND ${raw(contactCallSql('x'))}
        AND x.answered_at > ${now}::timestamptz - make_interval(days => ${FREQUENCY_CAP_DAYS})
        AND x.answered_at <= ${now}) < ${FREQUENCY_CAP_CALLS})
    AND NOT EXISTS (SELECT 1 FROM queue_entries o WHERE o.customer_id = q.customer_id AND o.status = 'in_progress' AND o.id <> q.id)`
}
