// Queue priority (domain.md: value × urgency × rule weight):
//   priority = weight of the strongest reason
//            × customer value  (ARPU band of the M1–M3 average bill × tier)
//            × (1 + urgency of the most urgent reason + churn score)
// where each rule reports an urgency in [0, 1] (predicates.ts: days to contract end, days to
// the birthday, depth of the traffic drop, ...). priority() is the formula in TS, for tests
// and documentation; valueSql() is what the queue build runs.

/** Lower bounds of the ARPU bands of domain.md "Allocation", with their value factors. */
export const ARPU_BANDS: readonly { atLeast: number; factor: number }[] = [
  { atLeast: 300, factor: 2.0 },
  { atLeast: 150, factor: 1.6 },
  { atLeast: 100, factor: 1.3 },
  { atLeast: 50, factor: 1.1 },
  { atLeast: 0, factor: 1.0 },
]

export const TIER_FACTORS = { diamond: 1.5, gold: 1.3, silver: 1.15, star: 1.05, standard: 1.0 } as const
export type Tier = keyof typeof TIER_FACTORS

export function customerValue(avgBill: number, tier: Tier): number {
  const band = ARPU_BANDS.find((b) => avgBill >= b.atLeast) ?? ARPU_BANDS[ARPU_BANDS.length - 1]!
  return band.factor * TIER_FACTORS[tier]
}

export function priority(input: { weight: number; avgBill: number; tier: Tier; urgency: number; churnScore: number | null }): number {
  return input.weight * customerValue(input.avgBill, input.tier) * (1 + input.urgency + (input.churnScore ?? 0))
}

/** customerValue in SQL over an average-bill expression and a tier column. */
export function valueSql(avgBill: string, tier: string): string {
  const band = ARPU_BANDS.map((b) => `WHEN ${avgBill} >= ${b.atLeast} THEN ${b.factor}`).join(' ')
  const tiers = Object.entries(TIER_FACTORS).map(([t, f]) => `WHEN '${t}' THEN ${f}`).join(' ')
  return `((CASE ${band} ELSE 1 END) * (CASE ${tier}::text ${tiers} ELSE 1 END))`
}
