// The churn model's arithmetic: IRLS recovers known coefficients, the solver solves, and
// AUC / top-decile lift match hand-computed values (ties share their rank).
import { describe, expect, it } from 'vitest'
import { fitLogistic, predict, solveSpd, type Matrix } from '../../../server/rules/churn/logistic.ts'
import { auc, topDecileLift } from '../../../server/rules/churn/metrics.ts'

/** A small deterministic generator (mulberry32), so the test needs no seed library. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('logistic regression', () => {
  it('solves a symmetric positive definite system', () => {
    // [4 2; 2 3] x = [2; 5]  ->  x = [-0.5, 2]
    const x = solveSpd(new Float64Array([4, 2, 2, 3]), new Float64Array([2, 5]), 2)
    expect(x[0]).toBeCloseTo(-0.5, 12)
    expect(x[1]).toBeCloseTo(2, 12)
  })

  it('recovers the coefficients that generated the labels', () => {
    const random = rng(7)
    const n = 40_000
    const x: Matrix = { data: new Float32Array(n * 2), rows: n, cols: 2 }
    const y = new Uint8Array(n)
    for (let i = 0; i < n; i++) {
      const a = random() * 2 - 1 // uniform: mean 0, sd 1/sqrt(3)
      const b = random() < 0.3 ? 1 : 0
      x.data[i * 2] = a
      x.data[i * 2 + 1] = b
      const p = 1 / (1 + Math.exp(-(-1 + 2 * a - 1.5 * b)))
      y[i] = random() < p ? 1 : 0
    }
    const model = fitLogistic(x, y, () => true, { lambda: 0 })
    // weights are per standardized feature: raw coefficient × sd
    expect(model.weights[0]! / model.sd[0]!).toBeCloseTo(2, 0)
    expect(model.weights[1]! / model.sd[1]!).toBeCloseTo(-1.5, 0)
    const raw = model.intercept - model.weights[0]! * model.mean[0]! / model.sd[0]! - model.weights[1]! * model.mean[1]! / model.sd[1]!
    expect(raw).toBeCloseTo(-1, 0)
    expect(predict(model, x, 0)).toBeGreaterThan(0)
  })

  it('survives a constant feature (its weight stays 0)', () => {
    const x: Matrix = { data: new Float32Array([0, 5, 1, 5, 2, 5, 3, 5]), rows: 4, cols: 2 }
    const model = fitLogistic(x, new Uint8Array([0, 1, 0, 1]), () => true)
    expect(model.weights[1]).toBe(0)
  })
})

describe('AUC and top-decile lift', () => {
  it('AUC counts the pairs ranked right, ties as half', () => {
    // positives 0.35, 0.8; negatives 0.1, 0.4: pairs right = (0.35>0.1) + (0.8>0.1) + (0.8>0.4) = 3 of 4
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75)
    expect(auc([0.5, 0.5], [0, 1])).toBe(0.5)
    expect(auc([0.2, 0.9], [1, 0])).toBe(0)
    expect(auc([0.1, 0.2], [0, 0])).toBeNaN()
  })

  it('lift compares the top tenth with the whole', () => {
    // 20 customers, 2 churners; the top 2 scores hold 1 churner: (1/2) / (2/20) = 5
    const scores = Array.from({ length: 20 }, (_, i) => i / 20)
    const labels = scores.map((_, i) => (i === 19 || i === 3 ? 1 : 0))
    expect(topDecileLift(scores, labels)).toBe(5)
  })
})
