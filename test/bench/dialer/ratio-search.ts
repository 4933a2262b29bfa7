// The best fixed ratio in hindsight: the ratio, on a 0.1 grid, with the highest mean
// occupancy whose abandon rate over all seeds together stays within the target. That is
// what a supervisor tuning a fixed-ratio dialer after the fact would pick (generous: single
// seeds may end above the target). Occupancy and abandons both grow with the ratio, so a
// binary search finds the largest ratio within target in a handful of steps.
import type { Scenario } from '../../../dialer/sim/scenario.ts'
import { summarize, type Runs } from './runs.ts'
import type { SimPool } from './sim-pool.ts'

const GRID_STEP = 0.1
const MIN_RATIO = 1
const MAX_RATIO = 12

export async function bestFixedRatio(pool: SimPool, scenario: Scenario, seeds: readonly number[]): Promise<Runs & { ratio: number }> {
  const tried = new Map<number, Runs>()
  const at = async (step: number) => {
    const ratio = Math.round((MIN_RATIO + step * GRID_STEP) * 10) / 10
    if (!tried.has(ratio)) tried.set(ratio, summarize(await pool.seeds(scenario, `ratio:${ratio}`, seeds)))
    return tried.get(ratio)!
  }
  const within = (runs: Runs) => runs.pooledAbandonRate <= scenario.abandonTarget
  let lo = 0 // ratio 1 cannot abandon: one pooled call per free agent
  let hi = Math.round((MAX_RATIO - MIN_RATIO) / GRID_STEP)
  if (within(await at(hi))) lo = hi
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if (within(await at(mid))) lo = mid
    else hi = mid
  }
  await at(lo)
  const [ratio, best] = [...tried].filter(([, r]) => within(r)).sort((a, b) => b[1].occupancy - a[1].occupancy)[0]!
  return { ...best, ratio }
}
