// Durations in whole-second bins where old observations fade, so that an estimate reflects
// about the last 1/forget observations and follows the day when answer rates, ring or talk
// times shift. An observation weighs by its sequence number (the order its call was placed or
// answered), not by when its outcome came in: the outcomes of one wave of calls weigh the
// same whether they came quickly (answers) or slowly (no-answers), or the estimate would lean
// towards whichever kind ended last.
// Plain arrays and numbers only: it is part of the serializable dialer state.

export interface FadingHistograms<K extends string> {
  /** Weight per 1-second bin, per series; the last bin holds everything longer. */
  bins: Record<K, number[]>
  forget: number
  /** The sequence number whose observations weigh 1; moved up before weights overflow. */
  base: number
}

/** @param sizes bins per series */
export function fadingHistograms<K extends string>(sizes: Record<K, number>, forget: number): FadingHistograms<K> {
  const bins = {} as Record<K, number[]>
  for (const s of Object.keys(sizes) as K[]) bins[s] = new Array<number>(sizes[s]).fill(0)
  return { bins, forget, base: 0 }
}

/** The weight of an observation with sequence number `seq`. */
export function weightOf<K extends string>(h: FadingHistograms<K>, seq: number): number {
  return Math.pow(1 - h.forget, h.base - seq)
}

/** Adds one observation of `seconds` to `series`; `share` < 1 spreads a prior. */
export function observe<K extends string>(h: FadingHistograms<K>, series: K, seconds: number, seq: number, share = 1): void {
  const bins = h.bins[series]
  const weight = weightOf(h, seq)
  bins[Math.min(bins.length - 1, Math.max(0, Math.floor(seconds)))]! += weight * share
  if (weight > 1e12) rebase(h, seq)
}

function rebase<K extends string>(h: FadingHistograms<K>, seq: number): void {
  const scale = weightOf(h, seq)
  for (const s of Object.keys(h.bins) as K[]) {
    const bins = h.bins[s]
    for (let i = 0; i < bins.length; i++) bins[i]! /= scale
  }
  h.base = seq
}

/** Seeds a series with `count` observations spread evenly over [from, to) seconds, so that
 *  the first decisions of a shift lean on a cautious guess instead of on nothing. */
export function spreadPrior<K extends string>(h: FadingHistograms<K>, series: K, from: number, to: number, count: number): void {
  for (let s = from; s < to; s++) observe(h, series, s, 0, count / (to - from))
}
