// Turns the rule hits of a run (temp table rule_hits, over rule_base) into queue entries:
// one per customer and campaign with every reason that fired, staged in a temp table and
// merged in the run's transaction (UPDATE of what changed, INSERT ... ON CONFLICT of what
// is new), so a failed run leaves the previous queues as they were.
//
// Status on merge: in_progress stays in_progress (a call is live; reasons and priority are
// refreshed); blocked when a durable compliance block holds (DNC, marketing refusal, no
// alternate number); done stays done unless a reason appeared that the contact did not
// cover; scheduled keeps its next attempt; anything else is queued. Entries whose reasons no
// longer hold are retired (reasons emptied). Re-running the same D changes no row.
import { blockReasonSql } from './compliance-sql.ts'
import { execute, type Executor, type Statement, type Tx } from '../rules/statements.ts'
import { valueSql } from './priority.ts'

export interface BuildRule { code: string; campaignId: number; weight: number }

const STAGE_SQL = `
  CREATE TEMP TABLE queue_stage ON COMMIT DROP AS
  WITH g AS (
    SELECT h.customer_id, r.campaign_id,
           array_agg(h.code ORDER BY r.weight DESC, h.code) AS reasons,
           max(r.weight) AS weight, max(h.urgency) AS urgency
    FROM rule_hits h JOIN rule_set r ON r.code = h.code
    GROUP BY h.customer_id, r.campaign_id
  )
  SELECT g.customer_id, g.campaign_id, g.reasons,
         round((g.weight * ${valueSql('(b.b1 + b.b2 + b.b3) / 3', 'b.tier')} * (1 + g.urgency + coalesce(s.score, 0)))::numeric, 4)::float8 AS priority,
         CASE WHEN k.portfolio = 'personal' THEN b.service_manager_id END AS agent_id,
         b.dial_number,
         ${blockReasonSql({ dncAll: 'b.dnc_all', dncAny: 'b.dnc_any', optOut: 'b.marketing_opt_out', marketing: 'k.marketing', dialNumber: 'b.dial_number' })} AS blocked_by
  FROM g
  JOIN rule_base b ON b.id = g.customer_id
  JOIN campaigns k ON k.id = g.campaign_id
  LEFT JOIN churn_scores s ON s.customer_id = g.customer_id
  ORDER BY g.customer_id, g.campaign_id`

const NEW_STATUS = `(CASE
    WHEN q.status = 'in_progress' THEN 'in_progress'
    WHEN s.blocked_by IS NOT NULL THEN 'blocked'
    WHEN q.status = 'done' AND s.reasons <@ q.reasons THEN 'done'
    WHEN q.status = 'scheduled' THEN 'scheduled'
    ELSE 'queued' END)::"QueueStatus"`
const NEW_BLOCKED_BY = `CASE WHEN ${NEW_STATUS} = 'blocked' THEN s.blocked_by END`

/** Entries that exist: refreshed where anything changed (unchanged rows are not touched). */
const UPDATE_SQL = `
  UPDATE queue_entries q SET
    as_of = $1::date, reasons = s.reasons, priority = s.priority, agent_id = s.agent_id, dial_number = s.dial_number,
    status = ${NEW_STATUS}, blocked_by = ${NEW_BLOCKED_BY}, updated_at = now()
  FROM queue_stage s
  WHERE q.customer_id = s.customer_id AND q.campaign_id = s.campaign_id
    AND (q.as_of, q.reasons, q.priority, q.agent_id, q.dial_number, q.status, q.blocked_by)
      IS DISTINCT FROM ($1::date, s.reasons, s.priority, s.agent_id, s.dial_number, ${NEW_STATUS}, ${NEW_BLOCKED_BY})`

/** New entries, in key order; a row another writer added meanwhile is left alone. */
const INSERT_SQL = `
  INSERT INTO queue_entries (customer_id, campaign_id, as_of, reasons, priority, agent_id, status, blocked_by, dial_number, updated_at)
  SELECT s.customer_id, s.campaign_id, $1::date, s.reasons, s.priority, s.agent_id,
         (CASE WHEN s.blocked_by IS NULL THEN 'queued' ELSE 'blocked' END)::"QueueStatus", s.blocked_by, s.dial_number, now()
  FROM queue_stage s
  WHERE NOT EXISTS (SELECT 1 FROM queue_entries q WHERE q.customer_id = s.customer_id AND q.campaign_id = s.campaign_id)
  ORDER BY s.customer_id, s.campaign_id
  ON CONFLICT (customer_id, campaign_id) DO NOTHING`

const RETIRE_SQL = `
  UPDATE queue_entries q SET status = 'retired', reasons = '{}', blocked_by = NULL, as_of = $1::date, updated_at = now()
  WHERE q.status NOT IN ('retired', 'in_progress')
    AND NOT EXISTS (SELECT 1 FROM queue_stage s WHERE s.customer_id = q.customer_id AND s.campaign_id = q.campaign_id)`

export interface BuildResult { entries: number; updated: number; inserted: number; retired: number }

/** The statements of a queue build, in order; the stage's row count is the number of entries. */
export function buildStatements(asOf: string, rules: BuildRule[]): Statement[] {
  return [
    {
      label: 'rule set',
      sql: 'CREATE TEMP TABLE rule_set ON COMMIT DROP AS SELECT * FROM unnest($1::text[], $2::int[], $3::float8[]) AS t(code, campaign_id, weight)',
      params: [rules.map((r) => r.code), rules.map((r) => r.campaignId), rules.map((r) => r.weight)],
    },
    { label: 'stage', sql: STAGE_SQL, params: [] },
    { label: 'stage key', sql: 'ALTER TABLE queue_stage ADD PRIMARY KEY (customer_id, campaign_id)', params: [] },
    { label: 'update', sql: UPDATE_SQL, params: [asOf] },
    { label: 'insert', sql: INSERT_SQL, params: [asOf] },
    { label: 'retire', sql: RETIRE_SQL, params: [asOf] },
  ]
}

/** Merges the run's hits into queue_entries; needs rule_base and rule_hits (server/rules/evaluate.ts). */
export async function buildQueues(tx: Tx, asOf: string, rules: BuildRule[], exec: Executor = execute): Promise<BuildResult> {
  const rows: Record<string, number> = {}
  for (const s of buildStatements(asOf, rules)) rows[s.label] = await exec(tx, s)
  return { entries: rows.stage!, updated: rows.update!, inserted: rows.insert!, retired: rows.retire! }
}
