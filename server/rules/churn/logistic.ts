// L2-regularized logistic regression fitted by iteratively reweighted least squares (Newton's
// method) on standardized features. The matrix is a row-major Float32Array (n × p): 1M rows
// of 24 features is 96 MB, and each Newton step is one pass over it.

export interface Matrix { data: Float32Array; rows: number; cols: number }

export interface Standardizer { mean: Float64Array; sd: Float64Array }

export interface LogisticModel extends Standardizer {
  intercept: number
  /** One weight per standardized feature. */
  weights: Float64Array
}

/** Mean and standard deviation of each column over the rows `use` selects (sd 1 for constant columns). */
export function standardizer(x: Matrix, use: (row: number) => boolean): Standardizer {
  const { rows, cols, data } = x
  const mean = new Float64Array(cols)
  const sq = new Float64Array(cols)
  let n = 0
  for (let i = 0; i < rows; i++) {
    if (!use(i)) continue
    n++
    for (let j = 0; j < cols; j++) {
      const v = data[i * cols + j]!
      mean[j]! += v
      sq[j]! += v * v
    }
  }
  const sd = new Float64Array(cols)
  for (let j = 0; j < cols; j++) {
    mean[j] = n ? mean[j]! / n : 0
    const variance = n ? sq[j]! / n - mean[j]! ** 2 : 0
    sd[j] = variance > 1e-12 ? Math.sqrt(variance) : 1
  }
  return { mean, sd }
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-Math.max(-35, Math.min(35, z))))

/** Solves A x = b for symmetric positive definite A (k × k, row-major) by Cholesky. */
export function solveSpd(a: Float64Array, b: Float64Array, k: number): Float64Array {
  const l = new Float64Array(k * k)
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * k + j]!
      for (let m = 0; m < j; m++) s -= l[i * k + m]! * l[j * k + m]!
      if (i === j) {
        if (s <= 0) throw new Error('matrix is not positive definite')
        l[i * k + i] = Math.sqrt(s)
      } else l[i * k + j] = s / l[j * k + j]!
    }
  }
  const y = new Float64Array(k)
  for (let i = 0; i < k; i++) {
    let s = b[i]!
    for (let m = 0; m < i; m++) s -= l[i * k + m]! * y[m]!
    y[i] = s / l[i * k + i]!
  }
  const x = new Float64Array(k)
  for (let i = k - 1; i >= 0; i--) {
    let s = y[i]!
    for (let m = i + 1; m < k; m++) s -= l[m * k + i]! * x[m]!
    x[i] = s / l[i * k + i]!
  }
  return x
}

export interface FitOptions {
  /** Ridge penalty on the (standardized) weights, not on the intercept. @defaultValue 1 */
  lambda?: number
  /** @defaultValue 25 */
  maxIterations?: number
  /** Stop when no coefficient moves more than this. @defaultValue 1e-6 */
  tolerance?: number
}

/** Fits on the rows `use` selects; y holds 0/1 labels. */
export function fitLogistic(x: Matrix, y: Uint8Array, use: (row: number) => boolean, options: FitOptions = {}): LogisticModel {
  const { lambda = 1, maxIterations = 25, tolerance = 1e-6 } = options
  const { rows, cols, data } = x
  const { mean, sd } = standardizer(x, use)
  const k = cols + 1 // intercept first
  const beta = new Float64Array(k)
  const z = new Float64Array(k)
  z[0] = 1
  for (let iter = 0; iter < maxIterations; iter++) {
    const h = new Float64Array(k * k)
    const g = new Float64Array(k)
    for (let j = 1; j < k; j++) {
      h[j * k + j] = lambda
      g[j] = -lambda * beta[j]!
    }
    for (let i = 0; i < rows; i++) {
      if (!use(i)) continue
      let eta = beta[0]!
      for (let j = 0; j < cols; j++) {
        const v = (data[i * cols + j]! - mean[j]!) / sd[j]!
        z[j + 1] = v
        eta += beta[j + 1]! * v
      }
      const p = sigmoid(eta)
      const w = Math.max(p * (1 - p), 1e-9)
      const r = y[i]! - p
      for (let a = 0; a < k; a++) {
        const za = z[a]!
        g[a]! += r * za
        const wa = w * za
        for (let b = 0; b <= a; b++) h[a * k + b]! += wa * z[b]!
      }
    }
    for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) h[b * k + a] = h[a * k + b]!
    const step = solveSpd(h, g, k)
    let moved = 0
    for (let j = 0; j < k; j++) {
      beta[j]! += step[j]!
      moved = Math.max(moved, Math.abs(step[j]!))
    }
    if (moved < tolerance) break
  }
  return { mean, sd, intercept: beta[0]!, weights: beta.slice(1) }
}

export function predict(model: LogisticModel, x: Matrix, row: number): number {
  let eta = model.intercept
  for (let j = 0; j < x.cols; j++) eta += model.weights[j]! * ((x.data[row * x.cols + j]! - model.mean[j]!) / model.sd[j]!)
  return sigmoid(eta)
}
