// Feedback on the measured abandon rate. Predictive pacing places a call only while the
// chance that it would be abandoned, if a person answers, stays under a threshold; this
// controller sets that threshold from the abandon budget: the abandons the campaign could
// still afford at its set point (set point × live answers − abandons, over the day and the
// campaign's 30-day history).
//
// Every live answer raises the threshold a little and every abandon lowers it by a seventh,
// so the budget, not the threshold, is what stays bounded: the day's rate ends close to the
// set point however well or badly the pacing model is calibrated, and a shift starts from a
// cautious threshold with no budget saved, building pressure as answers come in.
// (A stochastic-approximation controller on log θ; its integral is the budget.)
import type { Turn } from '../turn.ts'

/** Aim this far under the target: what the budget wobbles by stays on the right side of it,
 *  even for a team of ten with about a thousand live answers a day. */
const SET_POINT = 0.9
/** The threshold with no budget, relative to the target: about what the pacing model needs
 *  to abandon at the target (measured from 0.35 to 0.7 in the benchmark scenarios). */
const NEUTRAL = 0.5
/** Log-threshold change per abandon of budget. */
const GAIN = 0.15
const MIN_THRESHOLD = 0.001
const MAX_THRESHOLD = 0.5

/** The highest chance of being abandoned that pacing may accept for one more call. */
export function abandonThreshold(turn: Turn): number {
  const { stats, config } = turn.state
  const answers = stats.humanAnswers + config.history.humanAnswers
  const abandoned = stats.abandoned + config.history.abandoned
  const budget = config.abandonTarget * SET_POINT * answers - abandoned
  const threshold = config.abandonTarget * NEUTRAL * Math.exp(GAIN * budget)
  return Math.max(MIN_THRESHOLD, Math.min(MAX_THRESHOLD, threshold))
}
