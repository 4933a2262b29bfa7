/** A table of numbers computed on demand, forgotten all at once in O(1) by a generation
 *  stamp (pacing forgets its probabilities every time the estimates are rebuilt). */
export class Memo {
  private readonly values: Float64Array
  private readonly stamps: Uint32Array
  private generation = 1

  constructor(readonly size: number) {
    this.values = new Float64Array(size)
    this.stamps = new Uint32Array(size)
  }

  /** The value stored at `i` since the last `forget()`, else NaN. */
  cached(i: number): number {
    return this.stamps[i] === this.generation ? this.values[i]! : NaN
  }

  store(i: number, value: number): number {
    this.stamps[i] = this.generation
    return (this.values[i] = value)
  }

  forget(): void {
    this.generation++
  }
}
