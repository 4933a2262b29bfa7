// One strategy on one scenario over several seeds, and the figures the benchmark reports.
import type { SimResult } from '../../../dialer/sim/simulate.ts'

export interface Runs {
  strategy: string
  perSeed: SimResult[]
  /** Mean over seeds. */
  occupancy: number
  talkMinutesPerAgentHour: number
  /** The worst seed's abandon rate, and all seeds' abandons over all their live answers. */
  maxAbandonRate: number
  pooledAbandonRate: number
}

export function summarize(perSeed: SimResult[]): Runs {
  const mean = (f: (r: SimResult) => number) => perSeed.reduce((s, r) => s + f(r), 0) / perSeed.length
  const total = (f: (r: SimResult) => number) => perSeed.reduce((s, r) => s + f(r), 0)
  return {
    strategy: perSeed[0]!.strategy,
    perSeed,
    occupancy: mean((r) => r.occupancy),
    talkMinutesPerAgentHour: mean((r) => r.talkMinutesPerAgentHour),
    maxAbandonRate: Math.max(...perSeed.map((r) => r.abandonRate)),
    pooledAbandonRate: total((r) => r.abandoned) / total((r) => r.humanAnswers),
  }
}
