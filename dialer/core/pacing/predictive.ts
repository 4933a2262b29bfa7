// Predictive pacing. For each more call it could place now, it estimates the chance that the
// call, if a person answers, finds no agent free: the persons answering by then (live answers
// waiting, ringing calls by their learned answer odds given how long they have rung, and the
// other new calls) against the agents free by then (free now, plus each busy agent's chance
// of finishing talk and wrap-up given how long they have been at it). Both sides are sums of
// independent chances, read as normal distributions; the chance is averaged over three
// answer delays. Calls are placed while it stays under the controller's threshold.
import type { Floor } from '../floor.ts'
import type { Turn } from '../turn.ts'
import { abandonThreshold } from './abandon-controller.ts'
import { normalCdf } from './normal.ts'

/** Keeps the normal approximation from turning into a step when nothing is uncertain. */
const MIN_VARIANCE = 0.05

export function predictiveCalls(turn: Turn, floor: Floor, headroom: number): number {
  const est = turn.estimates()
  const points = est.leadPoints.length
  const surplus = new Float64Array(points)
  const variance = new Float64Array(points).fill(MIN_VARIANCE)
  for (let j = 0; j < points; j++) surplus[j] = floor.free.length - floor.waiting.length
  for (const agent of floor.busy) {
    est.addBusyAgent(agent.status === 'wrap' ? 'wrap' : 'talk', (turn.now - agent.since) / 1000, surplus, variance)
  }
  for (const call of floor.ringing) est.addRingingCall((turn.now - call.placedAt) / 1000, surplus, variance)
  const threshold = abandonThreshold(turn)
  let calls = 0
  while (calls < headroom) {
    // The next call is abandoned if the persons answering before it leave no agent free.
    let risk = 0
    for (let j = 0; j < points; j++) {
      const p = est.newCallPoints[j]!
      const mean = surplus[j]! - calls * p
      const sd = Math.sqrt(variance[j]! + calls * p * (1 - p))
      risk += normalCdf((0.5 - mean) / sd)
    }
    if (risk / points > threshold) break
    calls++
  }
  return calls
}
