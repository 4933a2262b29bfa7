// The seam between queues and dialing: the dialer runtime asks for the next entries to call
// and gets them claimed (in_progress) atomically, so two nodes never dial one entry twice.
import type { Db } from '../db/client.ts'

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
  limit: number
  now: Date
}

/**
 * Claims up to `limit` dialable entries, highest priority first, with FOR UPDATE SKIP LOCKED
 * so concurrent claimers never get the same row.
 * @see server/rules for how entries, priorities and compliance blocks are built
 */
export async function claimNextEntries(db: Db, req: ClaimRequest): Promise<DialTarget[]> {
  if (req.limit <= 0) return []
  const rows = await db.$queryRaw<{ id: number; customer_id: number; campaign_id: number; dial_number: string; agent_id: number | null; reasons: string[]; priority: number }[]>`
    UPDATE queue_entries q SET status = 'in_progress', updated_at = ${req.now}
    WHERE q.id IN (
      SELECT id FROM queue_entries
      WHERE campaign_id = ${req.campaignId}
        AND status = 'queued'
        AND dial_number IS NOT NULL
        AND (next_attempt_at IS NULL OR next_attempt_at <= ${req.now})
        AND (${req.agentId ?? null}::int IS NULL OR agent_id = ${req.agentId ?? null}::int)
      ORDER BY priority DESC, id
      LIMIT ${req.limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING q.id, q.customer_id, q.campaign_id, q.dial_number, q.agent_id, q.reasons, q.priority`
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
