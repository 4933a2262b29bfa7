// `churn train` (contracts.md section 1): examples are customers active at the cut-off
// C = D − 3 months, labelled 1 when they closed within the 3 months after C; features use
// only what was known by C. One fifth of the examples (by customer id) is held out for the
// AUC and top-decile lift. The model then scores every customer active at D.
import type { Db, Prisma } from '../../db/client.ts'
import { FEATURE_ARRAY, FEATURES, featureQuery, LABEL_SQL } from './features.ts'
import { fitLogistic, predict, type LogisticModel, type Matrix } from './logistic.ts'
import { auc, topDecileLift } from './metrics.ts'
import { refreshStatistics } from '../statistics.ts'
import { scoreCustomers } from './score.ts'

/** What `churn train --json` prints. */
export interface ChurnReport {
  asOf: string
  examples: number
  positives: number
  auc: number
  topDecileLift: number
  features: { name: string; weight: number }[]
}

export interface TrainResult { modelId: number; report: ChurnReport; scored: number }

/** Too little history to learn from (e.g. no customer closed in the window). */
export class InsufficientHistoryError extends Error {}

/** Below these a model would be noise. */
const MIN_POSITIVES = 20
const MIN_HELD_OUT_EACH_CLASS = 5
const CHUNK_IDS = 10_000

/** Deterministic fifth of the customers, by a multiplicative hash of the id. */
export const heldOut = (id: number) => (Math.imul(id, 2654435761) >>> 0) % 5 === 0

export interface TrainOptions {
  asOf: string
  onProgress?: (p: { stage: string; done: number; total: number }) => void | Promise<void>
}

async function cutoffOf(db: Db, asOf: string): Promise<string> {
  const [row] = await db.$queryRaw<{ c: string }[]>`SELECT to_char(${asOf}::date - interval '3 months', 'YYYY-MM-DD') AS c`
  return row!.c
}

interface Examples { ids: Int32Array; y: Uint8Array; x: Matrix }

/** Streams the feature matrix from SQL in id ranges into typed arrays. */
async function loadExamples(db: Db, cutoff: string, onProgress: TrainOptions['onProgress']): Promise<Examples> {
  const [bounds] = await db.$queryRaw<{ lo: number | null; hi: number | null }[]>`SELECT min(id) AS lo, max(id) AS hi FROM customers`
  const cols = FEATURES.length
  let capacity = 1024
  let ids = new Int32Array(capacity)
  let y = new Uint8Array(capacity)
  let data = new Float32Array(capacity * cols)
  let n = 0
  const lo = bounds?.lo ?? 0
  const hi = (bounds?.hi ?? -1) + 1
  const sql = featureQuery(`${LABEL_SQL} AS y, ${FEATURE_ARRAY}`, true)
  for (let from = lo; from < hi; from += CHUNK_IDS) {
    const rows = await db.$queryRawUnsafe<{ id: number; y: number; x: number[] }[]>(sql, cutoff, from, Math.min(hi, from + CHUNK_IDS))
    if (n + rows.length > capacity) {
      while (n + rows.length > capacity) capacity *= 2
      const grow = <T extends Int32Array | Uint8Array | Float32Array>(a: T, make: (len: number) => T, len: number) => { const b = make(len); b.set(a); return b }
      ids = grow(ids, (l) => new Int32Array(l), capacity)
      y = grow(y, (l) => new Uint8Array(l), capacity)
      data = grow(data, (l) => new Float32Array(l), capacity * cols)
    }
    for (const r of rows) {
      ids[n] = r.id
      y[n] = r.y
      data.set(r.x, n * cols)
      n++
    }
    await onProgress?.({ stage: 'features', done: Math.min(hi, from + CHUNK_IDS) - lo, total: hi - lo })
  }
  return { ids: ids.subarray(0, n), y: y.subarray(0, n), x: { data: data.subarray(0, n * cols), rows: n, cols } }
}

function evaluate(model: LogisticModel, ex: Examples) {
  const scores: number[] = []
  const labels: number[] = []
  for (let i = 0; i < ex.x.rows; i++) {
    if (!heldOut(ex.ids[i]!)) continue
    scores.push(predict(model, ex.x, i))
    labels.push(ex.y[i]!)
  }
  return { auc: auc(scores, labels), topDecileLift: topDecileLift(scores, labels), positives: labels.filter(Boolean).length, size: labels.length }
}

const round = (v: number, digits = 4) => Math.round(v * 10 ** digits) / 10 ** digits

export async function trainChurn(db: Db, opts: TrainOptions): Promise<TrainResult> {
  await refreshStatistics(db, ['customers', 'monthly_usage'])
  const cutoff = await cutoffOf(db, opts.asOf)
  const ex = await loadExamples(db, cutoff, opts.onProgress)
  const positives = ex.y.reduce((s, v) => s + v, 0)
  if (positives < MIN_POSITIVES) {
    throw new InsufficientHistoryError(`only ${positives} of ${ex.x.rows} customers active at ${cutoff} closed within 3 months (need ${MIN_POSITIVES})`)
  }
  await opts.onProgress?.({ stage: 'fitting', done: 0, total: 1 })
  const model = fitLogistic(ex.x, ex.y, (i) => !heldOut(ex.ids[i]!))
  const test = evaluate(model, ex)
  if (test.positives < MIN_HELD_OUT_EACH_CLASS || test.size - test.positives < MIN_HELD_OUT_EACH_CLASS) {
    throw new InsufficientHistoryError(`held-out set has ${test.positives} churners of ${test.size}: too few to measure the model`)
  }
  const report: ChurnReport = {
    asOf: opts.asOf,
    examples: ex.x.rows,
    positives,
    auc: round(test.auc),
    topDecileLift: round(test.topDecileLift, 2),
    features: FEATURES.map((f, j) => ({ name: f.name, weight: round(model.weights[j]!) })),
  }
  await opts.onProgress?.({ stage: 'scoring', done: 0, total: 1 })
  const weights = {
    intercept: model.intercept,
    features: FEATURES.map((f, j) => ({ name: f.name, mean: model.mean[j]!, sd: model.sd[j]!, weight: model.weights[j]! })),
  }
  return db.$transaction(async (tx) => {
    const row = await tx.churnModel.create({
      data: { asOf: new Date(`${opts.asOf}T00:00:00Z`), auc: report.auc, report: report as unknown as Prisma.InputJsonValue, weights },
    })
    const scored = await scoreCustomers(tx, row.id, model, opts.asOf)
    return { modelId: row.id, report, scored }
  }, { timeout: 30 * 60_000, maxWait: 60_000 })
}

/**
 * `rules run` trains when no model exists for D's month. Returns the model in use, or null
 * when there is too little history to train one (CHURN_RISK then fires on forwarding alone).
 */
export async function ensureChurnModel(db: Db, opts: TrainOptions): Promise<{ modelId: number; trained: boolean } | null> {
  const [existing] = await db.$queryRaw<{ id: number }[]>`
    SELECT id FROM churn_models WHERE date_trunc('month', as_of) = date_trunc('month', ${opts.asOf}::date)
    ORDER BY trained_at DESC LIMIT 1`
  if (existing) return { modelId: existing.id, trained: false }
  try {
    const result = await trainChurn(db, opts)
    return { modelId: result.modelId, trained: true }
  } catch (err) {
    if (err instanceof InsufficientHistoryError) return null
    throw err
  }
}
