// `queue export` (contracts.md section 1): every queue entry, whatever its status, so a
// supervisor can always see why a customer is or is not being called. Rows are read in
// batches through a cursor, so a million-entry export streams in constant memory.
import type { Db } from '../db/client.ts'
import { NotFoundError } from '../common/errors.ts'
import { readInBatches } from '../db/cursor.ts'

export interface ExportRow {
  msisdn: string
  campaign: string
  /** codes joined by '|' */
  reasons: string
  priority: number
  /** username of the owning manager, or empty */
  agent: string
  status: string
  /** why a blocked entry may not be dialed; empty otherwise */
  blocked_by: string
}

export const EXPORT_COLUMNS: (keyof ExportRow)[] = ['msisdn', 'campaign', 'reasons', 'priority', 'agent', 'status', 'blocked_by']

/**
 * Entries of one campaign (by code) or of all (`'all'`), by campaign and priority, in
 * batches; `onBatch` runs before the next batch is read.
 */
export async function exportQueue(db: Db, campaign: string, onBatch: (rows: ExportRow[]) => void | Promise<void>): Promise<number> {
  let campaignId: number | null = null
  if (campaign !== 'all') {
    const row = await db.campaign.findUnique({ where: { code: campaign }, select: { id: true } })
    if (!row) throw new NotFoundError(`campaign ${campaign}`)
    campaignId = row.id
  }
  return readInBatches<ExportRow>(db, `
    SELECT c.msisdn, k.code AS campaign, array_to_string(q.reasons, '|') AS reasons, q.priority,
           coalesce(u.username, '') AS agent, q.status::text AS status, coalesce(q.blocked_by, '') AS blocked_by
    FROM queue_entries q
    JOIN customers c ON c.id = q.customer_id
    JOIN campaigns k ON k.id = q.campaign_id
    LEFT JOIN users u ON u.id = q.agent_id
    WHERE $1::int IS NULL OR q.campaign_id = $1::int
    ORDER BY k.code, q.priority DESC, q.id`, [campaignId], onBatch)
}
