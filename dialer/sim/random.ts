// A seeded PRNG for the simulator: xoshiro128** seeded through splitmix32, so that one
// seed gives the same customers on every machine and Node version.
// @see https://prng.di.unimi.it/xoshiro128starstar.c

export class Random {
  private s = new Uint32Array(4)
  private spare: number | undefined

  constructor(seed: number) {
    let x = seed >>> 0
    for (let i = 0; i < 4; i++) {
      // splitmix32
      x = (x + 0x9e3779b9) >>> 0
      let z = x
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
      this.s[i] = (z ^ (z >>> 16)) >>> 0
    }
  }

  /** Uniform in [0, 1). */
  next(): number {
    const s = this.s
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0
    const t = s[1]! << 9
    s[2]! ^= s[0]!
    s[3]! ^= s[1]!
    s[1]! ^= s[2]!
    s[0]! ^= s[3]!
    s[2]! ^= t
    s[3] = rotl(s[3]!, 11)
    return result / 4294967296
  }

  /** Normal, by the Box–Muller transform (the second draw is kept for the next call). */
  normal(mean: number, sd: number): number {
    if (this.spare !== undefined) {
      const z = this.spare
      this.spare = undefined
      return mean + sd * z
    }
    const u = 1 - this.next() // (0, 1]: log(u) is finite
    const r = Math.sqrt(-2 * Math.log(u))
    const theta = 2 * Math.PI * this.next()
    this.spare = r * Math.sin(theta)
    return mean + sd * r * Math.cos(theta)
  }

  /** Lognormal with the given mean and standard deviation of the result itself. */
  lognormal(mean: number, sd: number): number {
    const sigma2 = Math.log(1 + (sd * sd) / (mean * mean))
    return Math.exp(this.normal(Math.log(mean) - sigma2 / 2, Math.sqrt(sigma2)))
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0
}
