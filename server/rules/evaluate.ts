// Evaluates the enabled warning rules as of D inside the run's transaction: the target
// customers once (target.ts), then one INSERT ... SELECT per rule into the temp table
// rule_hits (customer_id, code, urgency, and the rule's campaign and weight, which the queue
// build groups and orders by). Nothing goes row by row through Node.
import { Value } from 'typebox/value'
import { isRuleCode, THRESHOLDS, type RuleCode } from './catalog.ts'
import { CONTACTS_SQL, contactsParams, PREDICATES, type RuleContext } from './predicates.ts'
import { execute, type Executor, type Statement, type Tx } from './statements.ts'
import { TARGET_SQL, targetParams } from './target.ts'


/** A rule as the run uses it (warning_rules row, thresholds validated). */
export interface ActiveRule {
  code: RuleCode
  thresholds: unknown
  weight: number
  campaignId: number
}

/** Enabled rules whose validity window contains D. */
export async function activeRules(tx: Tx, asOf: string): Promise<ActiveRule[]> {
  const d = new Date(`${asOf}T00:00:00Z`)
  const rows = await tx.warningRule.findMany({
    where: {
      enabled: true,
      AND: [{ OR: [{ validFrom: null }, { validFrom: { lte: d } }] }, { OR: [{ validTo: null }, { validTo: { gte: d } }] }],
    },
    orderBy: { code: 'asc' },
  })
  return rows.filter((r) => isRuleCode(r.code)).map((r) => {
    const code = r.code as RuleCode
    if (!Value.Check(THRESHOLDS[code], r.thresholds)) throw new Error(`warning rule ${code} has invalid thresholds ${JSON.stringify(r.thresholds)}`)
    return { code, thresholds: r.thresholds, weight: Number(r.weight), campaignId: r.campaignId }
  })
}

export interface EvaluateOptions {
  asOf: string
  centreTimeZone: string
  rules: ActiveRule[]
  /** Called after each statement with (statements done, statements in all, label). */
  onStep?: (done: number, total: number, label: string) => void | Promise<void>
}

/**
 * The statements of an evaluation, in order: target customers (rule_base), contacts up to D
 * (rule_contacts), then one INSERT ... SELECT into rule_hits per rule, labelled by its code.
 */
export function evaluationStatements(opts: Pick<EvaluateOptions, 'asOf' | 'centreTimeZone' | 'rules'>): Statement[] {
  const setup: Statement[] = [
    { label: 'target customers', sql: TARGET_SQL, params: targetParams(opts.asOf) },
    { label: 'analyze targets', sql: 'ANALYZE rule_base', params: [] },
    { label: 'contacts', sql: CONTACTS_SQL, params: contactsParams(opts.asOf, opts.centreTimeZone) },
    {
      label: 'hits table',
      sql: 'CREATE TEMP TABLE rule_hits (customer_id int NOT NULL, code text NOT NULL, campaign_id int NOT NULL, weight float8 NOT NULL, urgency float8 NOT NULL) ON COMMIT DROP',
      params: [],
    },
  ]
  return [...setup, ...opts.rules.map((rule): Statement => {
    const build = PREDICATES[rule.code] as (ctx: RuleContext<RuleCode>) => ReturnType<(typeof PREDICATES)[RuleCode]>
    const q = build({ asOf: opts.asOf, thresholds: rule.thresholds as never, campaignId: rule.campaignId })
    return {
      label: rule.code,
      sql: `INSERT INTO rule_hits (customer_id, code, campaign_id, weight, urgency)
            SELECT b.id, '${rule.code}', ${rule.campaignId}::int, ${rule.weight}::float8, greatest(0, least(1, (${q.urgency})::float8))
            FROM rule_base b ${q.from ?? ''} WHERE ${q.where}`,
      params: q.params,
    }
  })]
}

/** Fills rule_hits; returns how many customers each rule fired for. */
export async function evaluateRules(tx: Tx, opts: EvaluateOptions, exec: Executor = execute): Promise<Record<string, number>> {
  const statements = evaluationStatements(opts)
  const codes = new Set<string>(opts.rules.map((r) => r.code))
  const counts: Record<string, number> = {}
  for (const [i, s] of statements.entries()) {
    const rows = await exec(tx, s)
    if (codes.has(s.label)) counts[s.label] = rows
    await opts.onStep?.(i + 1, statements.length, s.label)
  }
  return counts
}
