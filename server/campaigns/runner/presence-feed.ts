// The dialer hears about its agents from presence (Redis, shared by all nodes), polled every
// second by the pacing node: who is ready (available with an open softphone leg), on break,
// gone, back from wrap-up, or busy with something the dialer did not give them (an inbound
// VIP call), which it must not count as free.
import type { DialerEvent } from '../../../dialer/core/types.ts'
import type { Presence } from '../../agents/presence.ts'

export interface AgentFeedState {
  /** What the dialer was last told about each agent. */
  told: Record<string, 'in' | 'break' | 'out'>
  /** Agents the dialer gave a call to, by agent: the call, and whether it has ended. */
  ours: Record<string, { callId: string; ended: boolean }>
  /** Agents busy with a call from elsewhere, with the id the dialer knows it by. */
  outside: Record<string, string>
}

export const emptyFeed = (): AgentFeedState => ({ told: {}, ours: {}, outside: {} })

/** The dialer's call ended: its agent's wrap-up may end from now on. */
export function callEnded(st: AgentFeedState, callId: string) {
  for (const o of Object.values(st.ours)) if (o.callId === callId) o.ended = true
}

export function presenceEvents(st: AgentFeedState, presence: Map<number, Presence>, withLeg: Set<number>): DialerEvent[] {
  const out: DialerEvent[] = []
  for (const [id, p] of presence) {
    const agentId = String(id)
    const told = st.told[agentId]
    const ours = st.ours[agentId]
    if (p.state === 'offline' || (p.state === 'available' && !withLeg.has(id) && !ours)) {
      if (told === 'in' || told === 'break') out.push({ type: 'agent_logged_out', agentId })
      st.told[agentId] = 'out'
    } else if (p.state === 'break') {
      if (told === 'in') out.push({ type: 'agent_break', agentId })
      else if (told !== 'break') out.push({ type: 'agent_logged_in', agentId }, { type: 'agent_break', agentId })
      st.told[agentId] = 'break'
    } else if (p.state === 'available') {
      if (told !== 'in') out.push({ type: told === 'break' ? 'agent_available' : 'agent_logged_in', agentId })
      st.told[agentId] = 'in'
      if (ours?.ended) {
        out.push({ type: 'agent_wrap_done', agentId })
        delete st.ours[agentId]
      }
      const inboundId = st.outside[agentId]
      if (inboundId) {
        out.push({ type: 'inbound_ended', inboundId }, { type: 'agent_wrap_done', agentId })
        delete st.outside[agentId]
      }
    } else if (!ours && told === 'in' && !st.outside[agentId]) {
      // on_call or wrap_up with a call the dialer did not place: keep them out of pacing.
      const inboundId = `outside-${agentId}-${p.since}`
      st.outside[agentId] = inboundId
      out.push({ type: 'inbound_waiting', inboundId, agentIds: [agentId] })
    }
  }
  return out
}
