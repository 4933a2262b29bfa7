// Feedback on the measured abandon rate. Predictive pacing places a call only while the
// chance that it would be abandoned, if a person answers, stays under a threshold; this
// controller sets that threshold from the abandon budget: the abandons the campaign could
// still afford at its set point (set point × live answers − abandons, over the day and the
// campaign's 30-day history), measured in standard deviations of the abandon count.
//
// Every live answer raises the threshold a little and every abandon lowers it, so the budget,
// not the threshold, is what stays bounded: the day's rate ends close to the set point however
// well or badly the pacing model is calibrated. A shift starts from a cautious threshold with
// nothing saved; early abandons, a ratio over few answers, weigh heavily, and the threshold
// steadies as answers come in. (A stochastic-approximation controller on log θ whose integral
// is the budget.)
import type { Turn } from '../turn.ts'

/** Aim this far under the target: what the budget wobbles by stays on the right side of it,
 *  even for a team of ten with about a thousand live answers a day. */
const SET_POINT = 0.9
/** The threshold with no budget, relative to the target: about what the pacing model needs
 *  to abandon at the target (measured from 0.35 to 0.7 in the benchmark scenarios). */
const NEUTRAL = 0.5
/** Log-threshold change per standard deviation of budget. */
const GAIN = 0.85
/** An overspent budget pulls this much harder: abandons come in bursts, and a small team's
 *  day is too short to wait for an overshoot to average out. */
const OVERSPENT_GAIN = 2 * GAIN
const MIN_THRESHOLD = 0.001
const MAX_THRESHOLD = 0.5

/** The highest chance of being abandoned that pacing may accept for one more call. */
export function abandonThreshold(turn: Turn): number {
  const { stats, config } = turn.state
  const allowed = config.abandonTarget * SET_POINT * (stats.humanAnswers + config.history.humanAnswers)
  const budget = allowed - (stats.abandoned + config.history.abandoned)
  // Abandons are roughly Poisson: their count's standard deviation is √allowed.
  const gain = budget < 0 ? OVERSPENT_GAIN : GAIN
  const threshold = config.abandonTarget * NEUTRAL * Math.exp((gain * budget) / Math.sqrt(allowed + 1))
  return Math.max(MIN_THRESHOLD, Math.min(MAX_THRESHOLD, threshold))
}
