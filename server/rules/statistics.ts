// Set-based plans over all customers rely on planner statistics: right after a bulk load
// they are missing, and a join the planner believes tiny can turn into a nested loop over a
// million rows. Runs refresh them first when a table changed a lot since it was analyzed
// (ANALYZE samples ~30,000 rows: about a second even for 12 M usage rows).
import type { Db } from '../db/client.ts'

/** Tables read by rule evaluation, queue build and churn features. */
export const RULE_TABLES = ['customers', 'monthly_usage', 'dispositions', 'do_not_call', 'churn_scores', 'queue_entries'] as const
type Table = (typeof RULE_TABLES)[number]

export async function refreshStatistics(db: Db, tables: readonly Table[] = RULE_TABLES): Promise<string[]> {
  const stale = await db.$queryRaw<{ relname: Table }[]>`
    SELECT relname FROM pg_stat_user_tables
    WHERE schemaname = current_schema() AND relname = ANY(${[...tables]}::text[])
      AND ((last_analyze IS NULL AND last_autoanalyze IS NULL) OR n_mod_since_analyze > 0.2 * greatest(n_live_tup, 1000))`
  for (const { relname } of stale) await db.$executeRawUnsafe(`ANALYZE ${relname}`)
  return stale.map((s) => s.relname)
}
