// How well scores separate churners: ROC AUC (with tied scores sharing their average rank)
// and top-decile lift (churn rate among the 10 % highest scores over the overall rate).

/** Area under the ROC curve; NaN without both classes. */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!)
  let positives = 0
  let rankSum = 0
  for (let i = 0; i < n;) {
    let j = i
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++
    const rank = (i + j) / 2 + 1
    for (let t = i; t <= j; t++) {
      if (labels[order[t]!]) {
        positives++
        rankSum += rank
      }
    }
    i = j + 1
  }
  const negatives = n - positives
  if (positives === 0 || negatives === 0) return Number.NaN
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives)
}

/** Churn rate in the top 10 % of scores divided by the overall churn rate; NaN without positives. */
export function topDecileLift(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!)
  const top = Math.max(1, Math.ceil(n / 10))
  let all = 0
  let inTop = 0
  for (let i = 0; i < n; i++) {
    const positive = labels[order[i]!] ? 1 : 0
    all += positive
    if (i < top) inTop += positive
  }
  return all === 0 ? Number.NaN : inTop / top / (all / n)
}
