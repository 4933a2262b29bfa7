// Feedback on the measured abandon rate. Predictive pacing places a call only while the
// chance that it would be abandoned, if a person answers, stays under a threshold; this
// controller sets that threshold from the abandon budget: the abandons the campaign could
// still afford at its set point (set point × live answers − abandons, over the day and the
// campaign's 30-day history).
//
// Every live answer raises the threshold a little and every abandon lowers it a lot, so the
// budget, not the threshold, is what stays bounded: the day's rate ends close to the set point
// however well or badly the pacing model is calibrated, and a fresh shift starts cautious
// because it has no budget yet. (It is a stochastic-approximation controller on log θ.)
import type { Turn } from '../turn.ts'

/** Aim this far under the target, so that the day's noise stays on the right side of it. */
const SET_POINT = 0.85
/** Log-threshold change per abandon of budget. */
const GAIN = 0.15
const MIN_THRESHOLD = 0.001
const MAX_THRESHOLD = 0.5

/** The highest chance of being abandoned that pacing may accept for one more call. */
export function abandonThreshold(turn: Turn): number {
  const { stats, config } = turn.state
  const setPoint = config.abandonTarget * SET_POINT
  const budget = setPoint * (stats.humanAnswers + config.history.humanAnswers) - (stats.abandoned + config.history.abandoned)
  const threshold = config.abandonTarget * Math.exp(GAIN * budget)
  return Math.max(MIN_THRESHOLD, Math.min(MAX_THRESHOLD, threshold))
}
