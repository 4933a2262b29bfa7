// Queue depth by campaign and status, by reason and by agent, from grouped queries (one
// index-friendly pass each). The API and the /metrics gauges both read it. "Waiting" means
// queued or scheduled: entries a dialer may still call.
import type { Db } from '../db/client.ts'
import { Prisma } from '../db/client.ts'

export interface QueueDepth {
  byCampaign: { campaign: string; status: string; count: number }[]
  byReason: { campaign: string; reason: string; count: number }[]
  byAgent: { agent: string; count: number }[]
}

/** Optionally only the customers of one branch (a supervisor's view). */
export async function queueDepth(db: Db, branchId: number | null = null): Promise<QueueDepth> {
  const scope = branchId === null
    ? Prisma.empty
    : Prisma.sql`AND EXISTS (SELECT 1 FROM customers c WHERE c.id = q.customer_id AND c.branch_id = ${branchId})`
  const [byCampaign, byReason, byAgent] = await Promise.all([
    db.$queryRaw<{ campaign: string; status: string; count: number }[]>`
      SELECT k.code AS campaign, q.status::text AS status, count(*)::int AS count
      FROM queue_entries q JOIN campaigns k ON k.id = q.campaign_id
      WHERE true ${scope} GROUP BY k.code, q.status ORDER BY 1, 2`,
    db.$queryRaw<{ campaign: string; reason: string; count: number }[]>`
      SELECT k.code AS campaign, r.reason, count(*)::int AS count
      FROM queue_entries q JOIN campaigns k ON k.id = q.campaign_id CROSS JOIN unnest(q.reasons) AS r(reason)
      WHERE q.status IN ('queued', 'scheduled') ${scope} GROUP BY k.code, r.reason ORDER BY 1, 2`,
    db.$queryRaw<{ agent: string; count: number }[]>`
      SELECT u.username AS agent, count(*)::int AS count
      FROM queue_entries q JOIN users u ON u.id = q.agent_id
      WHERE q.status IN ('queued', 'scheduled') ${scope} GROUP BY u.username ORDER BY 1`,
  ])
  return { byCampaign, byReason, byAgent }
}
