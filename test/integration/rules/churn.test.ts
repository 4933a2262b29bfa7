// The churn model on synthetic customers with a planted signal (test/synthetic.ts): it must
// find the churners on the held-out fifth, score every customer active at D, feed
// CHURN_RISK at the configured cut-off, and be trained once per month by `rules run`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureDefaults } from '../../../server/campaigns/defaults.ts'
import type { Db } from '../../../server/db/client.ts'
import { FEATURE_ARRAY, FEATURES, featureQuery } from '../../../server/rules/churn/features.ts'
import { linearSql } from '../../../server/rules/churn/score.ts'
import { trainChurn, type TrainResult } from '../../../server/rules/churn/train.ts'
import { runRules } from '../../../server/rules/run.ts'
import { branch } from '../../fixtures.ts'
import { resetState, testDb } from '../../helper.ts'
import { generateSynthetic } from '../../synthetic.ts'

const D = '2025-06-15'

describe('churn model', () => {
  let db: Db
  let trained: TrainResult

  beforeAll(async () => {
    db = testDb()
    await resetState(db)
    await ensureDefaults(db)
    const b = await branch(db, '太原')
    await generateSynthetic(db, { customers: 8000, asOf: D, branchIds: [b.id], seed: 0.17 })
    trained = await trainChurn(db, { asOf: D })
  })
  afterAll(async () => db.$disconnect())

  it('learns from customers active at D − 3 months, labelled by closing within 3 months', async () => {
    const { examples, positives } = (await db.$queryRaw<{ examples: number; positives: number }[]>`
      SELECT count(*)::int AS examples,
             count(*) FILTER (WHERE closed_on > date '2025-03-15' AND closed_on <= date '2025-06-15')::int AS positives
      FROM customers
      WHERE card_type = 'normal' AND joined_on <= date '2025-03-15'
        AND (closed_on > date '2025-03-15' OR (closed_on IS NULL AND status <> 'closed'))`)[0]!
    expect(trained.report).toMatchObject({ asOf: D, examples, positives })
    expect(trained.report.features.map((f) => f.name)).toEqual(FEATURES.map((f) => f.name))
  })

  it('separates the planted churners on the held-out set', () => {
    expect(trained.report.auc).toBeGreaterThan(0.75)
    expect(trained.report.topDecileLift).toBeGreaterThan(3)
    const weight = (name: string) => trained.report.features.find((f) => f.name === name)!.weight
    expect(weight('bill_trend')).toBeLessThan(0)
    expect(weight('call_forwarding')).toBeGreaterThan(0)
  })

  it('scores every customer active at D with a probability', async () => {
    const { active } = (await db.$queryRaw<{ active: number }[]>`
      SELECT count(*)::int AS active FROM customers WHERE card_type = 'normal' AND joined_on <= ${D}::date AND status <> 'closed'`)[0]!
    expect(trained.scored).toBe(active)
    const { lo, hi } = (await db.$queryRaw<{ lo: number; hi: number }[]>`SELECT min(score) AS lo, max(score) AS hi FROM churn_scores`)[0]!
    expect(lo).toBeGreaterThanOrEqual(0)
    expect(hi).toBeLessThanOrEqual(1)
    // the customers planted to leave after D score higher than the rest
    const { leaving, staying } = (await db.$queryRaw<{ leaving: number; staying: number }[]>`
      SELECT avg(s.score) FILTER (WHERE u.falling) AS leaving, avg(s.score) FILTER (WHERE NOT u.falling) AS staying
      FROM churn_scores s JOIN (
        SELECT customer_id, sum(bill) FILTER (WHERE month >= date '2025-03-01') < 0.7 * sum(bill) FILTER (WHERE month < date '2025-03-01' AND month >= date '2024-12-01') AS falling
        FROM monthly_usage GROUP BY customer_id) u ON u.customer_id = s.customer_id`)[0]!
    expect(leaving).toBeGreaterThan(staying * 2)
  })

  it('the SQL that scores agrees with the fitted model, unknown facts included', async () => {
    const w = (await db.churnModel.findUniqueOrThrow({ where: { id: trained.modelId } })).weights as { intercept: number; features: { mean: number; sd: number; weight: number }[] }
    const model = {
      intercept: w.intercept,
      mean: Float64Array.from(w.features.map((f) => f.mean)),
      sd: Float64Array.from(w.features.map((f) => f.sd)),
      weights: Float64Array.from(w.features.map((f) => f.weight)),
    }
    const rows = await db.$queryRawUnsafe<{ x: number[]; lin: number }[]>(
      `${featureQuery(`${FEATURE_ARRAY}, ${linearSql(model)} AS lin`, true)} ORDER BY c.id LIMIT 200`, D, 1, 1000)
    expect(rows.length).toBe(200)
    for (const r of rows) {
      const z = r.x.reduce((sum, v, j) => sum + model.weights[j]! * (v - model.mean[j]!) / model.sd[j]!, model.intercept)
      expect(r.lin).toBeCloseTo(z, 6)
    }
    // calibrated: the mean score is near the planted share of customers about to leave
    const { mean, leaving } = (await db.$queryRaw<{ mean: number; leaving: number }[]>`
      SELECT avg(s.score) AS mean, (SELECT count(*) FROM customers WHERE status = 'closed')::float8 / count(*) AS leaving
      FROM churn_scores s`)[0]!
    expect(mean).toBeGreaterThan(leaving / 3)
    expect(mean).toBeLessThan(leaving * 3)
  })

  it('CHURN_RISK fires at the configured cut-off; rules run reuses the month model', async () => {
    const cutoff = 0.3
    await db.warningRule.update({ where: { code: 'CHURN_RISK' }, data: { thresholds: { scoreAtLeast: cutoff } } })
    const run = await runRules(db, { asOf: D, centreTimeZone: 'Asia/Shanghai' })
    expect(run.churnModelId).toBe(trained.modelId)
    expect(await db.churnModel.count()).toBe(1)
    const flagged = await db.$queryRaw<{ call_forwarding: boolean; score: number | null }[]>`
      SELECT c.call_forwarding, s.score FROM queue_entries q JOIN customers c ON c.id = q.customer_id
      LEFT JOIN churn_scores s ON s.customer_id = q.customer_id WHERE 'CHURN_RISK' = ANY(q.reasons)`
    expect(run.rules.CHURN_RISK).toBe(flagged.length)
    expect(flagged.filter((f) => !f.call_forwarding).length).toBeGreaterThan(0)
    for (const f of flagged) expect(f.call_forwarding || (f.score ?? 0) >= cutoff).toBe(true)
    // no target customer (one with any entry) at or over the cut-off is missed
    const { missed } = (await db.$queryRaw<{ missed: number }[]>`
      SELECT count(DISTINCT q.customer_id)::int AS missed FROM queue_entries q JOIN churn_scores s ON s.customer_id = q.customer_id
      WHERE q.as_of = ${D}::date AND s.score >= ${cutoff}
        AND NOT EXISTS (SELECT 1 FROM queue_entries r WHERE r.customer_id = q.customer_id AND 'CHURN_RISK' = ANY(r.reasons))`)[0]!
    expect(missed).toBe(0)
  })

  it('rules run trains a model when its month has none', async () => {
    const run = await runRules(db, { asOf: '2025-07-01', centreTimeZone: 'Asia/Shanghai' })
    expect(run.churnModelId).not.toBe(trained.modelId)
    expect(await db.churnModel.count()).toBe(2)
  })
})
