// Scores every customer active at D with a trained model, in one SQL statement: the model
// is linear in the standardized features, so it folds into the feature expressions and no
// row travels to Node.
import type { Prisma } from '../../db/client.ts'
import { FEATURES, featureQuery, featureValue } from './features.ts'
import type { LogisticModel } from './logistic.ts'

type Tx = Prisma.TransactionClient

const num = (v: number) => {
  if (!Number.isFinite(v)) throw new Error(`model coefficient is not finite: ${v}`)
  return v.toPrecision(17)
}

/** intercept + Σ w_j (x_j − mean_j) / sd_j over the feature expressions. */
export function linearSql(model: LogisticModel): string {
  const terms = FEATURES.map((f, j) => `${num(model.weights[j]! / model.sd[j]!)} * (${featureValue(f)} - ${num(model.mean[j]!)})`)
  return `${num(model.intercept)} + ${terms.join(' + ')}`
}

/** Replaces churn_scores with this model's scores as of D; returns how many were scored. */
export async function scoreCustomers(tx: Tx, modelId: number, model: LogisticModel, asOf: string): Promise<number> {
  const score = `1 / (1 + exp(-greatest(-35, least(35, ${linearSql(model)})))) AS score`
  const scored = await tx.$executeRawUnsafe(
    `INSERT INTO churn_scores (customer_id, model_id, score)
     SELECT id, $2::int, score FROM (${featureQuery(score, false)}) f
     ON CONFLICT (customer_id) DO UPDATE SET model_id = excluded.model_id, score = excluded.score`,
    asOf, modelId,
  )
  await tx.$executeRawUnsafe('DELETE FROM churn_scores WHERE model_id <> $1::int', modelId)
  return scored
}
