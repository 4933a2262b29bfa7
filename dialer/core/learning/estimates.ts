// What the dialer has learned, in the form pacing reads it. Pacing runs on most events, so
// the distributions are rebuilt at most every two seconds (outcomes) or ten seconds (talk
// and wrap-up), and per-call and per-agent probabilities are memoised between rebuilds.
//
// Pacing looks at a few "points": the times after which a call placed now would be answered
// by a person, at the 1/6, 1/2 and 5/6 quantiles of the learned answer delay.
import type { Millis } from '../types.ts'
import type { LearnedState, OutcomeSeries } from '../state.ts'
import { Distribution, censoredIncidence } from './distribution.ts'
import { observe, weightOf } from './fading-histograms.ts'
import { Memo } from './memo.ts'

/** Things still running, by elapsed seconds and sequence number (the learning weight). */
export type Running = { elapsed: number; seq: number }[]

const OUTCOME_REFRESH_MS = 2000
const HANDLE_REFRESH_MS = 10_000
const INBOUND_MEMORY_MS = 30 * 60_000
const POINT_QUANTILES = [1 / 6, 1 / 2, 5 / 6]
/** Points move in half seconds, so that agent memos survive small drifts of the estimate. */
const POINT_STEP = 0.5
const CALL_ROWS_PER_S = 2

export class Estimates {
  rates: Record<OutcomeSeries, number> = { human: 0, machine: 0, other: 0 }
  /** Seconds from placing a call to a person answering it, per point. */
  leadPoints: number[] = []
  /** P(a call placed now is answered by a person by each point). */
  newCallPoints: number[] = []
  private lead = {} as Record<OutcomeSeries, Distribution>
  private talk!: Distribution
  private wrap!: Distribution
  private wrapThirds: number[] = []
  private outcomesAt = -Infinity
  private handleAt = -Infinity
  private readonly callMemo: Memo
  private readonly talkMemo: Memo
  private readonly wrapMemo: Memo
  /** Memo rows: calls by half second of ringing, agents by second into the call or wrap-up. */
  private readonly callRows: number
  private readonly talkRows: number
  private readonly wrapRows: number

  /** @param connectS an agent free up to this long after the answer still takes the call */
  constructor(private readonly learned: LearnedState, private readonly connectS: number) {
    const { outcomes, handle } = learned
    const points = POINT_QUANTILES.length
    this.callRows = outcomes.bins.human.length * CALL_ROWS_PER_S + 1
    this.talkRows = handle.bins.talk.length
    this.wrapRows = handle.bins.wrap.length
    this.callMemo = new Memo(this.callRows * points)
    this.talkMemo = new Memo(this.talkRows * points)
    this.wrapMemo = new Memo(this.wrapRows * points)
  }

  refresh(now: Millis, running: { ringing: () => Running; talks: () => Running }): void {
    let agentsStale = false
    if (now - this.outcomesAt >= OUTCOME_REFRESH_MS) {
      this.outcomesAt = now
      agentsStale = this.rebuildOutcomes(running.ringing())
    }
    if (now - this.handleAt >= HANDLE_REFRESH_MS) {
      this.handleAt = now
      const { handle } = this.learned
      const talks = running.talks().map((t) => ({ elapsed: t.elapsed, weight: weightOf(handle, t.seq) }))
      this.talk = new Distribution(censoredIncidence([handle.bins.talk], talks)[0]!)
      this.wrap = new Distribution(handle.bins.wrap)
      this.wrapThirds = POINT_QUANTILES.map((q) => this.wrap.quantile(q))
      agentsStale = true
    }
    if (agentsStale) {
      this.talkMemo.forget()
      this.wrapMemo.forget()
    }
  }

  /** Rebuilds everything at the next refresh. */
  invalidate(): void {
    this.outcomesAt = -Infinity
    this.handleAt = -Infinity
  }

  /** Returns whether the points moved. */
  private rebuildOutcomes(running: Running): boolean {
    const { outcomes } = this.learned
    const order = ['human', 'machine', 'other'] as const
    const ringing = running.map((c) => ({ elapsed: c.elapsed, weight: weightOf(outcomes, c.seq) }))
    const incidence = censoredIncidence(order.map((s) => outcomes.bins[s]), ringing)
    order.forEach((s, i) => {
      this.lead[s] = new Distribution(incidence[i]!)
      this.rates[s] = this.lead[s].total
    })
    const points = POINT_QUANTILES.map((q) => Math.max(POINT_STEP, Math.round(this.lead.human.quantile(q) / POINT_STEP) * POINT_STEP))
    this.newCallPoints = points.map((p) => this.rates.human * this.lead.human.cdf(p))
    this.callMemo.forget()
    const moved = points.some((p, j) => p !== this.leadPoints[j])
    this.leadPoints = points
    return moved
  }

  /** For a call ringing for `elapsed` s, subtracts from `surplus[j]` the chance that a person
   *  answers it by point j, and adds that chance's variance to `variance[j]`. */
  addRingingCall(elapsed: number, surplus: Float64Array, variance: Float64Array): void {
    const points = POINT_QUANTILES.length
    const row = Math.min(Math.round(elapsed * CALL_ROWS_PER_S), this.callRows - 1)
    for (let j = 0; j < points; j++) {
      let p = this.callMemo.cached(row * points + j)
      if (Number.isNaN(p)) p = this.callMemo.store(row * points + j, this.answeredBy(row / CALL_ROWS_PER_S, j))
      surplus[j]! -= p
      variance[j]! += p * (1 - p)
    }
  }

  /** For an agent `elapsed` s into a call (talk) or wrap-up, adds to `surplus[j]` the chance
   *  that they are free by point j plus the connect time, and its variance to `variance[j]`. */
  addBusyAgent(phase: 'talk' | 'wrap', elapsed: number, surplus: Float64Array, variance: Float64Array): void {
    const memo = phase === 'talk' ? this.talkMemo : this.wrapMemo
    const points = POINT_QUANTILES.length
    const row = Math.min(Math.floor(elapsed), (phase === 'talk' ? this.talkRows : this.wrapRows) - 1)
    for (let j = 0; j < points; j++) {
      let p = memo.cached(row * points + j)
      if (Number.isNaN(p)) p = memo.store(row * points + j, this.freeBy(phase, row, j))
      surplus[j]! += p
      variance[j]! += p * (1 - p)
    }
  }

  private answeredBy(elapsed: number, j: number): number {
    const { human, machine, other } = this.lead
    const alive = this.rates.human * human.survival(elapsed) + this.rates.machine * machine.survival(elapsed)
      + this.rates.other * other.survival(elapsed)
    // Rounding leaves crumbs of probability past the longest ring: no chance there.
    if (alive <= 1e-9) return 0
    return clamp01((this.rates.human * (human.cdf(elapsed + this.leadPoints[j]!) - human.cdf(elapsed))) / alive)
  }

  private freeBy(phase: 'talk' | 'wrap', elapsed: number, j: number): number {
    const within = this.leadPoints[j]! + this.connectS
    if (phase === 'wrap') return conditionalWithin(this.wrap, elapsed, within)
    // Talk then wrap-up: averaged over the wrap-up's thirds.
    let p = 0
    for (const w of this.wrapThirds) p += within > w ? conditionalWithin(this.talk, elapsed, within - w) : 0
    return p / this.wrapThirds.length
  }
}

function conditionalWithin(d: Distribution, elapsed: number, within: number): number {
  const alive = d.survival(elapsed)
  if (alive <= 1e-9) return 1
  return clamp01((d.cdf(elapsed + within) - d.cdf(elapsed)) / alive)
}

function clamp01(p: number): number {
  return Math.min(1, Math.max(0, p))
}

/** @param seq the call's placement order */
export function recordOutcome(learned: LearnedState, series: OutcomeSeries, seconds: number, seq: number): void {
  observe(learned.outcomes, series, seconds, seq)
}

/** @param seq the call's answer order */
export function recordHandle(learned: LearnedState, series: 'talk' | 'wrap', seconds: number, seq: number): void {
  observe(learned.handle, series, seconds, seq)
}

export function recordInboundArrival(learned: LearnedState, now: Millis): void {
  learned.inbound = { count: inboundCount(learned, now) + 1, at: now }
}

/** Inbound VIP calls per millisecond, lately. */
export function inboundRate(learned: LearnedState, now: Millis): number {
  return inboundCount(learned, now) / INBOUND_MEMORY_MS
}

function inboundCount(learned: LearnedState, now: Millis): number {
  return learned.inbound.count * Math.exp(-(now - learned.inbound.at) / INBOUND_MEMORY_MS)
}
