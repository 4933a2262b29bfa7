// Evaluates the enabled warning rules as of D inside the run's transaction: the target
// customers once (target.ts), then one INSERT ... SELECT per rule into the temp table
// rule_hits (customer_id, code, urgency). Nothing goes row by row through Node.
import { Value } from 'typebox/value'
import type { Prisma } from '../db/client.ts'
import { isRuleCode, THRESHOLDS, type RuleCode } from './catalog.ts'
import { CONTACTS_SQL, contactsParams, PREDICATES, type RuleContext } from './predicates.ts'
import { TARGET_SQL } from './target.ts'

type Tx = Prisma.TransactionClient

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
  /** Called after each step with (steps done, steps in all, what was done). */
  onStep?: (done: number, total: number, label: string) => void | Promise<void>
}

export const evaluationSteps = (rules: number) => rules + 2

/** Fills rule_hits; returns how many customers each rule fired for. */
export async function evaluateRules(tx: Tx, opts: EvaluateOptions): Promise<Record<string, number>> {
  const total = evaluationSteps(opts.rules.length)
  let done = 0
  const step = async (label: string) => opts.onStep?.(++done, total, label)

  await tx.$executeRawUnsafe(TARGET_SQL, opts.asOf)
  await tx.$executeRawUnsafe('ANALYZE rule_base')
  await step('target customers')
  await tx.$executeRawUnsafe(CONTACTS_SQL, ...contactsParams(opts.asOf, opts.centreTimeZone))
  await tx.$executeRawUnsafe('CREATE TEMP TABLE rule_hits (customer_id int NOT NULL, code text NOT NULL, urgency float8 NOT NULL) ON COMMIT DROP')
  await step('contacts')

  const counts: Record<string, number> = {}
  for (const rule of opts.rules) {
    const build = PREDICATES[rule.code] as (ctx: RuleContext<RuleCode>) => ReturnType<(typeof PREDICATES)[RuleCode]>
    const q = build({ asOf: opts.asOf, thresholds: rule.thresholds as never, campaignId: rule.campaignId })
    counts[rule.code] = await tx.$executeRawUnsafe(
      `INSERT INTO rule_hits (customer_id, code, urgency)
       SELECT b.id, '${rule.code}', greatest(0, least(1, (${q.urgency})::float8)) FROM rule_base b ${q.from ?? ''} WHERE ${q.where}`,
      ...q.params,
    )
    await step(rule.code)
  }
  return counts
}
