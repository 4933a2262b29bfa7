// One strategy on one scenario over several seeds, and the figures the benchmark reports.
import type { TimedResult } from './sim-pool.ts'

export interface Runs {
  strategy: string
  perSeed: TimedResult[]
  /** Mean over seeds. */
  occupancy: number
  talkMinutesPerAgentHour: number
  /** The worst seed's abandon rate, and all seeds' abandons over all their live answers. */
  maxAbandonRate: number
  pooledAbandonRate: number
  slowestSeconds: number
}

export function summarize(perSeed: TimedResult[]): Runs {
  const total = (f: (r: TimedResult) => number) => perSeed.reduce((s, r) => s + f(r), 0)
  const mean = (f: (r: TimedResult) => number) => total(f) / perSeed.length
  return {
    strategy: perSeed[0]!.strategy,
    perSeed,
    occupancy: mean((r) => r.occupancy),
    talkMinutesPerAgentHour: mean((r) => r.talkMinutesPerAgentHour),
    maxAbandonRate: Math.max(...perSeed.map((r) => r.abandonRate)),
    pooledAbandonRate: total((r) => r.abandoned) / total((r) => r.humanAnswers),
    slowestSeconds: Math.max(...perSeed.map((r) => r.seconds)),
  }
}
