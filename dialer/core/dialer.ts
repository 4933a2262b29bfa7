// One campaign's dialer: events in, commands out. Deterministic: the same events with the
// same times give the same commands, whether the server or the simulator sends them.
import type { CampaignConfig, DialerCommand, DialerContext, DialerEvent, Millis } from './types.ts'
import { fromSnapshot, initialState, toSnapshot, type DialerSnapshot, type DialerState } from './state.ts'
import { Estimates, type Running } from './learning/estimates.ts'
import { onAgentEvent } from './agent-events.ts'
import { onCallEvent } from './call-events.ts'
import { onInboundEvent } from './inbound.ts'
import { addEntries } from './entries.ts'
import { dispatch } from './dispatch.ts'
import type { Turn } from './turn.ts'

/** Events after which there is nothing to hand out unless they freed an agent: carrier
 *  progress, and pooled calls nobody (or a machine) answered. Pacing sees their effect at
 *  the next tick; skipping them keeps the dialer cheap on a busy trunk. */
const QUIET_EVENTS: ReadonlySet<DialerEvent['type']> = new Set([
  'call_placed', 'call_ringing', 'call_no_answer', 'call_busy', 'call_failed', 'call_answered_machine', 'call_ended',
])

export class Dialer {
  private readonly estimates: Estimates
  private wakeAt: Millis | undefined

  private constructor(private readonly state: DialerState) {
    this.estimates = new Estimates(state.learned, state.config.connectMs / 1000)
  }

  static create(config: CampaignConfig): Dialer {
    return new Dialer(initialState(config))
  }

  /** Rebuilds a dialer from `snapshot()` output (for instance read back from storage). */
  static restore(snapshot: DialerSnapshot): Dialer {
    return new Dialer(fromSnapshot(snapshot))
  }

  /** A deep copy of the state, JSON-serializable. Estimates derived from the state are
   *  rebuilt at the next event, as they are in a dialer restored from this snapshot, so that
   *  both go on to give the same commands. */
  snapshot(): DialerSnapshot {
    this.estimates.invalidate()
    return toSnapshot(this.state)
  }

  handle(event: DialerEvent, ctx: DialerContext): DialerCommand[] {
    const { now } = ctx
    const estimates = () => {
      this.estimates.refresh(now, { ringing: () => this.ringing(now), talks: () => this.talks(now) })
      return this.estimates
    }
    const turn: Turn = { state: this.state, now, foresee: ctx.foresee, estimates, out: [], agentFreed: false }
    if ('callId' in event) onCallEvent(turn, event)
    else if ('agentId' in event) onAgentEvent(turn, event)
    else if ('inboundId' in event) onInboundEvent(turn, event)
    else if (event.type === 'entries_added') addEntries(turn, event.entries)
    if (turn.agentFreed || !QUIET_EVENTS.has(event.type)) this.wakeAt = dispatch(turn)
    return turn.out
  }

  /** The next time the dialer must hear a `tick` even if nothing else happens: a live answer
   *  about to be abandoned, or a call-back coming due. Unknown (undefined) from a restore
   *  until the first event: send a tick after restoring. */
  nextWakeAt(): Millis | undefined {
    return this.wakeAt
  }

  get stats(): Readonly<DialerState['stats']> {
    return this.state.stats
  }

  /**
   * The live dial ratio a wallboard shows: customer calls ringing per staffed agent (every
   * logged-in agent not on break), 0 with nobody staffed.
   */
  get load(): { ringing: number; staffed: number; dialRatio: number } {
    let ringing = 0
    for (const call of this.state.calls.values()) if (call.status === 'dialing') ringing++
    let staffed = 0
    for (const agent of this.state.agents.values()) if (agent.status !== 'break') staffed++
    return { ringing, staffed, dialRatio: staffed === 0 ? 0 : ringing / staffed }
  }

  /** Calls still ringing and talks going on: what learning counts as censored. */
  private ringing(now: Millis): Running {
    const ringing: Running = []
    for (const call of this.state.calls.values()) if (call.status === 'dialing') ringing.push({ elapsed: (now - call.placedAt) / 1000, seq: call.seq })
    return ringing
  }

  private talks(now: Millis): Running {
    const talks: Running = []
    for (const agent of this.state.agents.values()) {
      if (agent.status === 'talking') talks.push({ elapsed: (now - agent.since) / 1000, seq: agent.answerSeq! })
    }
    return talks
  }
}
