// Set-based reads behind the wallboard, one query per kind of figure for a whole branch.
import type { Db } from '../db/client.ts'

export interface DepthRow { campaignId: number; teamId: number | null; n: number }
export interface ReasonRow { campaignId: number; reason: string; n: number }
export interface CallRow { campaignId: number; placed: number; human: number; machine: number; abandoned: number; inFlight: number }

/** Entries waiting to be dialed (queued or scheduled) for the branch's customers, by campaign and owner's team. */
export function queueDepth(db: Db, branchId: number) {
  return db.$queryRaw<DepthRow[]>`
    SELECT q.campaign_id AS "campaignId", u.team_id AS "teamId", count(*)::int AS n
    FROM queue_entries q
    JOIN customers c ON c.id = q.customer_id
    LEFT JOIN users u ON u.id = q.agent_id
    WHERE c.branch_id = ${branchId} AND q.status IN ('queued', 'scheduled')
    GROUP BY 1, 2`
}

export function depthByReason(db: Db, branchId: number) {
  return db.$queryRaw<ReasonRow[]>`
    SELECT q.campaign_id AS "campaignId", r.reason, count(*)::int AS n
    FROM queue_entries q
    JOIN customers c ON c.id = q.customer_id
    CROSS JOIN LATERAL unnest(q.reasons) AS r(reason)
    WHERE c.branch_id = ${branchId} AND q.status IN ('queued', 'scheduled')
    GROUP BY 1, 2`
}

/**
 * Outbound call outcomes since a moment, per campaign. A human answer is AMD's `human` (or an
 * answer with no AMD result); abandons are counted against human answers (contracts.md §4).
 * Calls belong to the branch through their customer.
 */
export function callOutcomes(db: Db, branchId: number, campaignIds: number[], since: Date) {
  return db.$queryRaw<CallRow[]>`
    SELECT k.campaign_id AS "campaignId",
      count(*)::int AS placed,
      count(*) FILTER (WHERE k.answered_by = 'human' OR (k.answered_by IS NULL AND k.answered_at IS NOT NULL))::int AS human,
      count(*) FILTER (WHERE k.answered_by LIKE 'machine%' OR k.answered_by = 'fax')::int AS machine,
      count(*) FILTER (WHERE k.abandoned)::int AS abandoned,
      count(*) FILTER (WHERE k.ended_at IS NULL AND k.created_at > now() - interval '2 hours')::int AS "inFlight"
    FROM calls k
    JOIN customers c ON c.id = k.customer_id
    WHERE k.direction = 'outbound' AND k.campaign_id = ANY(${campaignIds}::int[]) AND k.created_at >= ${since}
      AND c.branch_id = ${branchId}
    GROUP BY 1`
}

/** Inbound calls offered today to the branch, and those answered within the target. */
export async function inboundServiceLevel(db: Db, branchId: number, since: Date, targetSeconds: number) {
  const [row] = await db.$queryRaw<{ offered: number; inTarget: number }[]>`
    SELECT count(*)::int AS offered,
      count(*) FILTER (WHERE coalesce(k.bridged_at, k.answered_at) <= k.created_at + make_interval(secs => ${targetSeconds}))::int AS "inTarget"
    FROM calls k
    LEFT JOIN users u ON u.id = k.agent_id
    LEFT JOIN customers c ON c.id = k.customer_id
    WHERE k.direction = 'inbound' AND k.created_at >= ${since} AND coalesce(u.branch_id, c.branch_id) = ${branchId}`
  return row ?? { offered: 0, inTarget: 0 }
}

/** The customer each agent is talking to now (their latest call not ended). */
export function currentCustomers(db: Db, agentIds: number[]) {
  return db.$queryRaw<{ agentId: number; name: string }[]>`
    SELECT DISTINCT ON (k.agent_id) k.agent_id AS "agentId", c.name
    FROM calls k JOIN customers c ON c.id = k.customer_id
    WHERE k.agent_id = ANY(${agentIds}::int[]) AND k.ended_at IS NULL AND k.created_at > now() - interval '2 hours'
    ORDER BY k.agent_id, k.created_at DESC`
}

/** Midnight today in the call centre's zone. */
export async function startOfToday(db: Db, tz: string): Promise<Date> {
  const [row] = await db.$queryRaw<{ d: Date }[]>`SELECT (date_trunc('day', now() AT TIME ZONE ${tz}) AT TIME ZONE ${tz}) AS d`
  return row!.d
}
