// A duration distribution over 1-second bins, read with linear interpolation inside a bin.
// Built from histogram weights (derived data: rebuilt from the serializable histograms, never
// stored itself).

export class Distribution {
  /** cumulative[i] = weight of bins below i (length bins + 1). */
  private readonly cumulative: Float64Array
  readonly total: number

  constructor(private readonly bins: readonly number[]) {
    this.cumulative = new Float64Array(bins.length + 1)
    for (let i = 0; i < bins.length; i++) this.cumulative[i + 1] = this.cumulative[i]! + bins[i]!
    this.total = this.cumulative[bins.length]!
  }

  /** P(X ≤ seconds). */
  cdf(seconds: number): number {
    if (this.total <= 0 || seconds <= 0) return 0
    if (seconds >= this.bins.length) return 1
    const i = Math.floor(seconds)
    return (this.cumulative[i]! + (seconds - i) * this.bins[i]!) / this.total
  }

  survival(seconds: number): number {
    return 1 - this.cdf(seconds)
  }

  /** The smallest x with P(X ≤ x) ≥ q. */
  quantile(q: number): number {
    const want = q * this.total
    let i = 0
    while (i < this.bins.length - 1 && this.cumulative[i + 1]! < want) i++
    const inBin = this.bins[i]! > 0 ? (want - this.cumulative[i]!) / this.bins[i]! : 0
    return i + Math.min(1, Math.max(0, inBin))
  }
}

/**
 * Kaplan–Meier with competing outcomes: things still running are known only to last longer
 * than their elapsed time. Early in a shift only the short rings and talks have ended, so
 * counting ended ones alone would make calls look quickly answered and talk look short, and
 * the dialer would overdial; counting running ones as censored removes that bias.
 * @param ended per outcome, weight of ended observations per 1-second bin (equal lengths)
 * @param running observations still running: elapsed seconds and weight
 * @returns per outcome, the chance of ending with it in each bin; what no data covers is
 *   put in the last outcome's last bin
 * @see https://en.wikipedia.org/wiki/Kaplan%E2%80%93Meier_estimator
 */
export function censoredIncidence(ended: readonly (readonly number[])[], running: readonly { elapsed: number; weight: number }[]): number[][] {
  const n = ended[0]!.length
  const atRisk = new Float64Array(n + 1)
  for (const r of running) atRisk[Math.min(n - 1, Math.floor(r.elapsed))]! += r.weight
  const endedAt = new Float64Array(n)
  for (const series of ended) for (let i = 0; i < n; i++) endedAt[i]! += series[i]!
  // atRisk(i) = ended at ≥ i + running with elapsed ≥ i; walk down from the longest bin.
  for (let i = n - 1; i >= 0; i--) atRisk[i]! += atRisk[i + 1]! + endedAt[i]!
  const incidence = ended.map(() => new Array<number>(n).fill(0))
  let survival = 1
  for (let i = 0; i < n - 1 && survival > 0; i++) {
    if (atRisk[i]! <= 0) continue
    for (let s = 0; s < ended.length; s++) incidence[s]![i] = (survival * ended[s]![i]!) / atRisk[i]!
    survival *= 1 - endedAt[i]! / atRisk[i]!
  }
  incidence[ended.length - 1]![n - 1]! += survival
  return incidence
}
