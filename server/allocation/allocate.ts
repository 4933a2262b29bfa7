// Second allocation (domain.md "Allocation"; contracts.md `allocate`): target customers
// without a service manager are spread over the active service managers (role agent) of
// their city so that, in every ARPU band, managers' counts differ by at most one — counting
// what each already holds. Explicit assignments are never touched.
//
// One set-based statement does it as water-filling: every manager gets numbered "slots" from
// their current count upwards; the slots of a city and band are ranked by (level, manager),
// the unassigned customers of that city and band by (ARPU desc, id), and rank k goes to slot
// k. The lowest portfolios fill first, then everyone round-robin: a running count that
// differs by more than one can only be left where explicit assignments already made it so.
import { audit } from '../common/audit.ts'
import type { Db } from '../db/client.ts'
import { TARGET_SQL, targetParams } from '../rules/target.ts'

/** ARPU bands by average bill over M1–M3, highest first; below 50 only new, broadband, group or rental targets. */
export const ARPU_BANDS = ['300+', '150-300', '100-150', '50-100', '<50'] as const
export type ArpuBand = (typeof ARPU_BANDS)[number]

const BAND_SQL = `CASE WHEN arpu >= 300 THEN '300+' WHEN arpu >= 150 THEN '150-300' WHEN arpu >= 100 THEN '100-150'
  WHEN arpu >= 50 THEN '50-100' ELSE '<50' END`

export interface AllocationResult {
  assigned: number
  /** Every active service manager's portfolio of target customers after the run, by band. */
  managers: Record<string, Record<ArpuBand, number>>
  /** Target customers left without a manager: their city has no active service manager. */
  unassigned: number
}

const ALLOCATE_SQL = `
  WITH targets AS (
    SELECT rb.id, c.branch_id, rb.service_manager_id, (rb.b1 + rb.b2 + rb.b3) / 3 AS arpu
      FROM rule_base rb JOIN customers c ON c.id = rb.id
  ), banded AS NOT MATERIALIZED (
    -- inlined, so that the planner sizes the unassigned pool from rule_base's statistics
    SELECT t.*, ${BAND_SQL} AS band FROM targets t
  ), managers AS (
    SELECT u.id, u.branch_id FROM users u WHERE u.role = 'agent' AND u.active AND u.branch_id IS NOT NULL
  ), held AS (
    SELECT m.id AS manager_id, m.branch_id, b.band, count(t.id)::int AS n
      FROM managers m
      CROSS JOIN unnest($1::text[]) AS b(band)
      LEFT JOIN banded t ON t.service_manager_id = m.id AND t.band = b.band
     GROUP BY m.id, m.branch_id, b.band
  ), pool AS (
    SELECT t.id, t.branch_id, t.band,
           row_number() OVER (PARTITION BY t.branch_id, t.band ORDER BY t.arpu DESC, t.id) AS k,
           count(*) OVER (PARTITION BY t.branch_id, t.band) AS pool_size
      FROM banded t WHERE t.service_manager_id IS NULL
  ), demand AS (
    SELECT branch_id, band, max(pool_size) AS pool_size FROM pool GROUP BY branch_id, band
  ), ceiling AS (
    -- Levels up to max(held) + ceil(pool / managers) give every city and band enough slots.
    SELECT h.branch_id, h.band, max(h.n) + ceil(d.pool_size::numeric / count(*))::int AS top
      FROM held h JOIN demand d USING (branch_id, band)
     GROUP BY h.branch_id, h.band, d.pool_size
  ), slots AS (
    SELECT h.manager_id, h.branch_id, h.band,
           row_number() OVER (PARTITION BY h.branch_id, h.band ORDER BY level, h.manager_id) AS k
      FROM held h JOIN ceiling c USING (branch_id, band)
      CROSS JOIN LATERAL generate_series(h.n, c.top - 1) AS level
  ), assignment AS (
    SELECT p.id AS customer_id, s.manager_id, p.band
      FROM pool p JOIN slots s USING (branch_id, band, k)
  ), assigned AS (
    UPDATE customers c SET service_manager_id = a.manager_id, updated_at = now()
      FROM assignment a WHERE c.id = a.customer_id AND c.service_manager_id IS NULL
    RETURNING a.manager_id, a.band
  ), added AS (
    SELECT manager_id, band, count(*)::int AS n FROM assigned GROUP BY manager_id, band
  )
  SELECT u.username, h.band, h.n + coalesce(a.n, 0) AS n, coalesce(a.n, 0) AS added
    FROM held h JOIN users u ON u.id = h.manager_id
    LEFT JOIN added a USING (manager_id, band)
   ORDER BY u.username`

/** Runs the allocation as of D (YYYY-MM-DD) in one transaction, audited. */
export async function allocate(db: Db, asOf: string, actorId: number | null = null): Promise<AllocationResult> {
  return db.$transaction(async (tx) => {
    // One allocation at a time; the update also re-checks that a customer is still unassigned.
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('allocation-run'))`)
    await tx.$executeRawUnsafe(`SET LOCAL work_mem = '128MB'`)
    await tx.$executeRawUnsafe(TARGET_SQL, ...targetParams(asOf))
    // A fresh temp table has no statistics: unanalyzed, the planner loops over it per manager and band.
    await tx.$executeRawUnsafe('ANALYZE rule_base')
    const rows = await tx.$queryRawUnsafe<{ username: string; band: ArpuBand; n: number; added: number }[]>(ALLOCATE_SQL, ARPU_BANDS)
    const managers: AllocationResult['managers'] = {}
    let assigned = 0
    for (const r of rows) {
      managers[r.username] ??= Object.fromEntries(ARPU_BANDS.map((b) => [b, 0])) as Record<ArpuBand, number>
      managers[r.username]![r.band] = r.n
      assigned += r.added
    }
    const [left] = await tx.$queryRawUnsafe<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM rule_base rb JOIN customers c ON c.id = rb.id WHERE c.service_manager_id IS NULL',
    )
    const unassigned = left?.n ?? 0
    await audit(tx, { actorId, action: 'allocate', entity: 'allocation', after: { asOf, assigned, unassigned } })
    return { assigned, managers, unassigned }
  }, { timeout: 10 * 60_000, maxWait: 60_000 })
}
