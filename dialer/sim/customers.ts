// Simulated customers. Everything about one customer is drawn when the entry is created, from
// its own stream, so that every strategy meets the same customers in the same order (common
// random numbers make strategy comparisons fair) and the oracle can know them in advance.
import type { Entry, ForeseenCall } from '../core/types.ts'
import { Random } from './random.ts'
import { answerRateAt, type Scenario } from './scenario.ts'

interface Customer {
  /** Compared with the answer and machine rates in force when the call is placed. */
  u: number
  ringMs: number
  talkMs: number
  wrapMs: number
}

export class Customers {
  private readonly random: Random
  private readonly drawn: Customer[] = []

  constructor(private readonly scenario: Scenario, seed: number) {
    this.random = new Random(seed)
  }

  next(count: number): Entry[] {
    const { ringSeconds, talkSeconds, wrapSeconds } = this.scenario
    const entries: Entry[] = []
    for (let i = 0; i < count; i++) {
      entries.push({ id: `e${this.drawn.length}` })
      this.drawn.push({
        u: this.random.next(),
        ringMs: Math.round(1000 * Math.max(1, this.random.normal(ringSeconds.mean, ringSeconds.sd))),
        talkMs: Math.round(1000 * this.random.lognormal(talkSeconds.mean, talkSeconds.sd)),
        wrapMs: Math.round(1000 * this.random.lognormal(wrapSeconds.mean, wrapSeconds.sd)),
      })
    }
    return entries
  }

  /** What happens when `entryId` is dialed at `at` ms into the shift. */
  call(entryId: string, at: number): ForeseenCall {
    const c = this.drawn[Number(entryId.slice(1))]!
    const { scenario } = this
    const answerRate = answerRateAt(scenario, at)
    const amdMs = 1000 * (scenario.amdSeconds ?? 3)
    const timeoutMs = 1000 * scenario.noAnswerTimeout
    const answered = c.ringMs < timeoutMs
    const outcome = answered && c.u < answerRate ? 'human' : answered && c.u < answerRate + scenario.machineRate ? 'machine' : 'none'
    // A call nobody answers rings until the timeout; an answered one is known once machine
    // detection has listened for amdSeconds.
    const outcomeAfterMs = outcome === 'none' ? timeoutMs : c.ringMs + amdMs
    return { outcome, outcomeAfterMs, talkMs: c.talkMs, wrapMs: c.wrapMs }
  }
}
