// Turns the rule hits of a run (temp table rule_hits, over rule_base) into queue entries:
// one per customer and campaign with every reason that fired, staged in a temp table and
// merged with INSERT ... ON CONFLICT in the run's transaction, so a failed run leaves the
// previous queues as they were.
//
// Status on merge: in_progress stays in_progress (a call is live; reasons and priority are
// refreshed); blocked when a durable compliance block holds (DNC, marketing refusal, no
// alternate number); done stays done unless a reason appeared that the contact did not
// cover; scheduled keeps its next attempt; anything else is queued. Entries whose reasons no
// longer hold are retired (reasons emptied). Re-running the same D changes no row.
import { dialNumberSql, durableBlockSql } from './compliance-sql.ts'
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
         ${dialNumberSql('b')} AS dial_number,
         ${durableBlockSql('b', 'k')} AS blocked_by
  FROM g
  JOIN rule_base b ON b.id = g.customer_id
  JOIN campaigns k ON k.id = g.campaign_id
  LEFT JOIN churn_scores s ON s.customer_id = g.customer_id`

const NEW_STATUS = `(CASE
    WHEN q.status = 'in_progress' THEN 'in_progress'
    WHEN excluded.blocked_by IS NOT NULL THEN 'blocked'
    WHEN q.status = 'done' AND excluded.reasons <@ q.reasons THEN 'done'
    WHEN q.status = 'scheduled' THEN 'scheduled'
    ELSE 'queued' END)::"QueueStatus"`
const NEW_BLOCKED_BY = `CASE WHEN ${NEW_STATUS} = 'blocked' THEN excluded.blocked_by END`

const MERGE_SQL = `
  INSERT INTO queue_entries AS q (customer_id, campaign_id, as_of, reasons, priority, agent_id, status, blocked_by, dial_number, updated_at)
  SELECT customer_id, campaign_id, $1::date, reasons, priority, agent_id,
         (CASE WHEN blocked_by IS NULL THEN 'queued' ELSE 'blocked' END)::"QueueStatus", blocked_by, dial_number, now()
  FROM queue_stage
  ON CONFLICT (customer_id, campaign_id) DO UPDATE SET
    as_of = excluded.as_of, reasons = excluded.reasons, priority = excluded.priority, agent_id = excluded.agent_id,
    dial_number = excluded.dial_number, status = ${NEW_STATUS}, blocked_by = ${NEW_BLOCKED_BY}, updated_at = now()
  WHERE (q.as_of, q.reasons, q.priority, q.agent_id, q.dial_number, q.status, q.blocked_by)
    IS DISTINCT FROM (excluded.as_of, excluded.reasons, excluded.priority, excluded.agent_id, excluded.dial_number, ${NEW_STATUS}, ${NEW_BLOCKED_BY})`

const RETIRE_SQL = `
  UPDATE queue_entries q SET status = 'retired', reasons = '{}', blocked_by = NULL, as_of = $1::date, updated_at = now()
  WHERE q.status NOT IN ('retired', 'in_progress')
    AND NOT EXISTS (SELECT 1 FROM queue_stage s WHERE s.customer_id = q.customer_id AND s.campaign_id = q.campaign_id)`

export interface BuildResult { entries: number; merged: number; retired: number }

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
    { label: 'merge', sql: MERGE_SQL, params: [asOf] },
    { label: 'retire', sql: RETIRE_SQL, params: [asOf] },
  ]
}

/** Merges the run's hits into queue_entries; needs rule_base and rule_hits (server/rules/evaluate.ts). */
export async function buildQueues(tx: Tx, asOf: string, rules: BuildRule[], exec: Executor = execute): Promise<BuildResult> {
  const rows: Record<string, number> = {}
  for (const s of buildStatements(asOf, rules)) rows[s.label] = await exec(tx, s)
  return { entries: rows.stage!, merged: rows.merge!, retired: rows.retire! }
}
