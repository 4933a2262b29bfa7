// Turns the rule hits of a run (temp table rule_hits, over rule_base) into queue entries:
// one per customer and campaign with every reason that fired, staged in a temp table, then
// written as a whole new queue_entries table that replaces the old one in the run's
// transaction (swap.ts), so a failed run leaves the previous queues as they were.
//
// Why a new table: a run rewrites nearly every entry (as_of moves every day; the first run
// inserts a million), and row by row that costs four index updates and three foreign-key
// checks per entry, a minute at a million. Written into a bare table, indexed by sorting
// and checked by one join per key, the same rows take seconds. Entries keep their ids.
//
// Status on merge: in_progress stays in_progress (a call is live; reasons and priority are
// refreshed); blocked when a durable compliance block holds (DNC, marketing refusal, no
// alternate number); done stays done unless a reason appeared that the contact did not
// cover; scheduled keeps its next attempt; anything else is queued. Entries whose reasons no
// longer hold are retired (reasons emptied). Re-running the same D changes no row.
import { blockReasonSql } from './compliance-sql.ts'
import { execute, type Executor, type Statement, type Tx } from '../rules/statements.ts'
import { valueSql } from './priority.ts'
import { NEXT_TABLE, swapStatements } from './swap.ts'

// The hits arrive sorted by entry and then by reason strength, so array_agg lists the
// reasons strongest first without sorting each of a million groups (PostgreSQL 15 would);
// the aggregate keeps its input order (one backend: run.ts turns parallel workers off).
// No ORDER BY: the stage is read through its key, its row order is not needed.
const STAGE_SQL = `
  CREATE TEMP TABLE queue_stage ON COMMIT DROP AS
  WITH g AS (
    SELECT h.customer_id, h.campaign_id, array_agg(h.code) AS reasons, max(h.weight) AS weight, max(h.urgency) AS urgency
    FROM (SELECT * FROM rule_hits ORDER BY customer_id, campaign_id, weight DESC, code) h
    GROUP BY h.customer_id, h.campaign_id
  )
  SELECT g.customer_id, g.campaign_id, g.reasons,
         round((g.weight * ${valueSql('(b.b1 + b.b2 + b.b3) / 3', 'b.tier')} * (1 + g.urgency + coalesce(b.churn_score, 0)))::numeric, 4)::float8 AS priority,
         CASE WHEN k.portfolio = 'personal' THEN b.service_manager_id END AS agent_id,
         b.dial_number,
         ${blockReasonSql({ dncAll: 'b.dnc_all', dncAny: 'b.dnc_any', optOut: 'b.marketing_opt_out', marketing: 'k.marketing', dialNumber: 'b.dial_number' })} AS blocked_by
  FROM g
  JOIN rule_base b ON b.id = g.customer_id
  JOIN campaigns k ON k.id = g.campaign_id`

const NEW_STATUS = `(CASE
    WHEN q.status = 'in_progress' THEN 'in_progress'
    WHEN s.blocked_by IS NOT NULL THEN 'blocked'
    WHEN q.status = 'done' AND s.reasons <@ q.reasons THEN 'done'
    WHEN q.status = 'scheduled' THEN 'scheduled'
    ELSE 'queued' END)::"QueueStatus"`
const NEW_BLOCKED_BY = `CASE WHEN ${NEW_STATUS} = 'blocked' THEN s.blocked_by END`

/** An entry whose reasons no longer hold, and that no call is using: retired. */
const RETIRE = `s.customer_id IS NULL AND q.status NOT IN ('retired', 'in_progress')`

/**
 * What the run sets on an existing entry q, per column, from its staged row s (NULL when no
 * reason holds any more); every other column is copied as it is.
 */
const OWNED: Record<string, { staged: string; retired: string }> = {
  as_of: { staged: '$1::date', retired: '$1::date' },
  reasons: { staged: 's.reasons', retired: `'{}'::text[]` },
  priority: { staged: 's.priority', retired: 'q.priority' },
  agent_id: { staged: 's.agent_id', retired: 'q.agent_id' },
  dial_number: { staged: 's.dial_number', retired: 'q.dial_number' },
  status: { staged: NEW_STATUS, retired: `'retired'::"QueueStatus"` },
  blocked_by: { staged: NEW_BLOCKED_BY, retired: 'NULL' },
}
const TOUCHED = Object.keys(OWNED)
/** updated_at moves only when something the run owns changed. */
const CHANGED = `(${TOUCHED.map((c) => `q.${c}`).join(', ')}) IS DISTINCT FROM (${TOUCHED.map((c) => OWNED[c]!.staged).join(', ')})`

function ownedValue(column: string): string {
  if (column === 'updated_at') return `CASE WHEN (s.customer_id IS NOT NULL AND ${CHANGED}) OR ${RETIRE} THEN now() ELSE q.updated_at END`
  const own = OWNED[column]
  if (!own) return `q.${column}`
  return `CASE WHEN s.customer_id IS NOT NULL THEN ${own.staged} WHEN ${RETIRE} THEN ${own.retired} ELSE q.${column} END`
}

/** Every existing entry, merged with its staged row (columns in table order, all of them). */
const mergeSql = (columns: string[]) => `
  INSERT INTO ${NEXT_TABLE} (${columns.join(', ')})
  SELECT ${columns.map(ownedValue).join(', ')}
  FROM queue_entries q LEFT JOIN queue_stage s ON s.customer_id = q.customer_id AND s.campaign_id = q.campaign_id`

/** New entries, in key order, ids from the table's sequence; other columns take their defaults. */
const INSERT_SQL = `
  INSERT INTO ${NEXT_TABLE} (customer_id, campaign_id, as_of, reasons, priority, agent_id, status, blocked_by, dial_number, updated_at)
  SELECT s.customer_id, s.campaign_id, $1::date, s.reasons, s.priority, s.agent_id,
         (CASE WHEN s.blocked_by IS NULL THEN 'queued' ELSE 'blocked' END)::"QueueStatus", s.blocked_by, s.dial_number, now()
  FROM queue_stage s
  WHERE NOT EXISTS (SELECT 1 FROM queue_entries q WHERE q.customer_id = s.customer_id AND q.campaign_id = s.campaign_id)
  ORDER BY s.customer_id, s.campaign_id`

/** Entries this run retired (updated_at is stored to the millisecond). */
const RETIRED_SQL = `SELECT count(*)::int AS n FROM ${NEXT_TABLE} WHERE status = 'retired' AND as_of = $1::date AND updated_at = now()::timestamptz(3)`

/** The columns of queue_entries in table order: the merge copies those the run does not own. */
export async function queueColumns(tx: Tx): Promise<string[]> {
  const rows = await tx.$queryRawUnsafe<{ name: string }[]>(`
    SELECT quote_ident(attname) AS name FROM pg_attribute
    WHERE attrelid = 'queue_entries'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`)
  return rows.map((r) => r.name)
}

export interface BuildResult { entries: number; inserted: number; retired: number }

/**
 * The statements of a queue build, in order (columns: queueColumns()). The stage's row count
 * is the number of entries; 'retired' counts the entries this run retired.
 */
export function buildStatements(asOf: string, columns: string[]): Statement[] {
  return [
    // a million hits: without statistics the planner guesses 40,000 entries instead of a
    // million (at a million customers) and sizes the stage's sort and joins for that
    { label: 'analyze hits', sql: 'ANALYZE rule_hits', params: [] },
    { label: 'stage', sql: STAGE_SQL, params: [] },
    { label: 'stage key', sql: 'ALTER TABLE queue_stage ADD PRIMARY KEY (customer_id, campaign_id)', params: [] },
    ...swapStatements({
      fill: [
        { label: 'merge', sql: mergeSql(columns), params: [asOf] },
        { label: 'insert', sql: INSERT_SQL, params: [asOf] },
        { label: 'retired', sql: RETIRED_SQL, params: [asOf] },
      ],
    }),
  ]
}

/** Replaces queue_entries with the merge of the run's hits; needs rule_base and rule_hits (server/rules/evaluate.ts). */
export async function buildQueues(tx: Tx, asOf: string, exec: Executor = execute): Promise<BuildResult> {
  const rows: Record<string, number> = {}
  for (const s of buildStatements(asOf, await queueColumns(tx))) {
    rows[s.label] = s.label === 'retired' ? (await tx.$queryRawUnsafe<{ n: number }[]>(s.sql, ...s.params))[0]!.n : await exec(tx, s)
  }
  return { entries: rows.stage!, inserted: rows.insert!, retired: rows.retired! }
}
