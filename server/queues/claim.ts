// The seam between queues and dialing: the dialer runtime asks for the next entries to call
// and gets them claimed (in_progress) atomically, so two nodes never dial one entry twice.
// Every compliance check of compliance.ts is applied again here, at the moment of dialing:
// a refusal recorded a second ago (do_not_call, customers.marketing_opt_out) is honoured.
import type { Db } from '../db/client.ts'
import { Prisma } from '../db/client.ts'
import { dialableSql, dialNumberSql } from './compliance-sql.ts'

export interface DialTarget {
  entryId: number
  customerId: number
  campaignId: number
  /** E.164; alt_phone for double-stop customers */
  dialNumber: string
  /** Owner for personal-portfolio entries, null for pooled ones */
  agentId: number | null
  reasons: string[]
  priority: number
}

export interface ClaimRequest {
  campaignId: number
  /** Personal portfolio: only this agent's entries. */
  agentId?: number
  /** Preview dialing: only this entry (claimed if it may be dialed now). */
  entryId?: number
  limit: number
  now: Date
  /**
   * The call centre's zone, in which campaign windows are written (config TZ).
   * @defaultValue 'Asia/Shanghai'
   */
  centreTimeZone?: string
}

type Row = { id: number; customer_id: number; campaign_id: number; dial_number: string; agent_id: number | null; reasons: string[]; priority: number }

/** Entries of the campaign that may be dialed at `now`, best first (FOR UPDATE SKIP LOCKED when claiming). */
function candidates(req: ClaimRequest, lock: boolean): Prisma.Sql {
  const agentId = req.agentId ?? null
  const entryId = req.entryId ?? null
  return Prisma.sql`
    SELECT q.id, ${Prisma.raw(dialNumberSql('c'))} AS dial
    FROM queue_entries q
    JOIN customers c ON c.id = q.customer_id
    JOIN campaigns k ON k.id = q.campaign_id
    WHERE q.campaign_id = ${req.campaignId}
      AND (${agentId}::int IS NULL OR q.agent_id = ${agentId}::int)
      AND (${entryId}::int IS NULL OR q.id = ${entryId}::int)
      AND ${dialableSql(req.now, req.centreTimeZone ?? 'Asia/Shanghai')}
    ORDER BY q.priority DESC, q.id
    LIMIT ${req.limit}
    ${lock ? Prisma.sql`FOR UPDATE OF q SKIP LOCKED` : Prisma.empty}`
}

function toTargets(rows: Row[]): DialTarget[] {
  return rows
    .sort((a, b) => b.priority - a.priority || a.id - b.id)
    .map((r) => ({
      entryId: r.id,
      customerId: r.customer_id,
      campaignId: r.campaign_id,
      dialNumber: r.dial_number,
      agentId: r.agent_id,
      reasons: r.reasons,
      priority: r.priority,
    }))
}

/**
 * Claims up to `limit` dialable entries, highest priority first, with FOR UPDATE SKIP LOCKED
 * so concurrent claimers never get the same row. Claimed entries are in_progress until
 * recordAttempt (attempts.ts) reports the outcome.
 * @see server/queues/compliance.ts for the checks, server/rules for how entries are built
 */
export async function claimNextEntries(db: Db, req: ClaimRequest): Promise<DialTarget[]> {
  if (req.limit <= 0) return []
  const rows = await db.$queryRaw<Row[]>`
    WITH picked AS (${candidates(req, true)})
    UPDATE queue_entries q SET status = 'in_progress', dial_number = picked.dial, updated_at = ${req.now}
    FROM picked WHERE q.id = picked.id
    RETURNING q.id, q.customer_id, q.campaign_id, q.dial_number, q.agent_id, q.reasons, q.priority`
  return toTargets(rows)
}

/** What claimNextEntries would return now, without claiming anything. */
export async function peekNextEntries(db: Db, req: ClaimRequest): Promise<DialTarget[]> {
  if (req.limit <= 0) return []
  const rows = await db.$queryRaw<Row[]>`
    SELECT q.id, q.customer_id, q.campaign_id, picked.dial AS dial_number, q.agent_id, q.reasons, q.priority
    FROM (${candidates(req, false)}) picked JOIN queue_entries q ON q.id = picked.id`
  return toTargets(rows)
}
