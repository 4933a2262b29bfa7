// What pacing learns: outcome rates and durations that fade with time, read without the bias
// of calls and talks still running.
import { describe, expect, it } from 'vitest'
import { censoredIncidence, Distribution } from '../learning/distribution.ts'
import { fadingHistograms, observe, weightOf } from '../learning/fading-histograms.ts'

describe('censored incidence (Kaplan–Meier)', () => {
  it('counts what is still running as lasting longer than its elapsed time', () => {
    // Two calls ended at 10 s; two still run after 20 s. Ignoring those would put all the
    // mass at 10 s; they say half of it lies beyond 20 s.
    const ended = new Array(60).fill(0)
    ended[10] = 2
    const [incidence] = censoredIncidence([ended], [{ elapsed: 20, weight: 1 }, { elapsed: 25, weight: 1 }])
    expect(incidence![10]).toBeCloseTo(0.5)
    expect(incidence![59]).toBeCloseTo(0.5)
  })

  it('splits competing outcomes by their hazards, and the rates sum to one', () => {
    const human = new Array(30).fill(0)
    const other = new Array(30).fill(0)
    human[12] = 1
    other[25] = 3
    const [h, o] = censoredIncidence([human, other], [])
    expect(new Distribution(h!).total).toBeCloseTo(0.25)
    expect(new Distribution(o!).total).toBeCloseTo(0.75)
  })
})

describe('distribution', () => {
  it('interpolates within a second and inverts', () => {
    const bins = new Array(10).fill(0)
    bins[4] = 1
    const d = new Distribution(bins)
    expect(d.cdf(4.5)).toBeCloseTo(0.5)
    expect(d.survival(5)).toBe(0)
    expect(d.quantile(0.25)).toBeCloseTo(4.25)
  })
})

describe('fading histograms', () => {
  it('weigh observations by sequence, so the last 1/forget dominate, and survive rebasing', () => {
    const h = fadingHistograms({ ring: 5 }, 0.1)
    observe(h, 'ring', 1, 0)
    observe(h, 'ring', 3, 10)
    expect(h.bins.ring[3]! / h.bins.ring[1]!).toBeCloseTo(1 / 0.9 ** 10)
    observe(h, 'ring', 3, 400) // weight 0.9^-400 > 1e12: rebased
    expect(h.base).toBe(400)
    expect(weightOf(h, 400)).toBe(1)
    expect(h.bins.ring[3]).toBeCloseTo(1 + 0.9 ** 390)
  })
})
