// Inbound VIP calls go to their own manager (or the A/B partner, or the pool agents the
// inbound module lists) ahead of any new outbound call, and pacing keeps agents free for the
// inbound calls expected within the three rings a VIP should wait at most.
import type { DialerEvent } from './types.ts'
import { inboundRate, recordInboundArrival } from './learning/estimates.ts'
import { emit, setStatus, type Turn } from './turn.ts'
import type { Floor } from './floor.ts'

type InboundEvent = Extract<DialerEvent, { inboundId: string }>

export function onInboundEvent(turn: Turn, event: InboundEvent): void {
  const { state } = turn
  if (event.type === 'inbound_waiting') {
    if (state.inbound.has(event.inboundId)) return
    recordInboundArrival(state.learned, turn.now)
    state.inbound.set(event.inboundId, { id: event.inboundId, agentIds: event.agentIds, since: turn.now })
    return
  }
  state.inbound.delete(event.inboundId)
  for (const agent of state.agents.values()) {
    if (agent.status === 'inbound' && agent.inboundId === event.inboundId) setStatus(turn, agent, 'wrap')
  }
}

/** Gives each waiting inbound call the first of its agents who is free, oldest call first. */
export function routeInbound(turn: Turn, floor: Floor): void {
  const { state } = turn
  for (const call of state.inbound.values()) {
    const agent = call.agentIds.map((a) => state.agents.get(a)).find((a) => a?.status === 'available')
    if (!agent) continue
    state.inbound.delete(call.id)
    floor.free.splice(floor.free.indexOf(agent), 1)
    setStatus(turn, agent, 'inbound', { inboundId: call.id })
    emit(turn, { type: 'reserve_agent', agentId: agent.id, inboundId: call.id })
  }
}

/** Agents to leave idle: the inbound calls waiting now, plus enough for the arrivals expected
 *  within the answer time (a Poisson tail at the campaign's accepted risk). */
export function inboundReserve(turn: Turn): number {
  const { config } = turn.state
  const expected = inboundRate(turn.state.learned, turn.now) * config.inboundAnswerMs
  let reserve = 0
  if (expected > 0) {
    // Smallest r with P(Poisson(expected) > r) ≤ risk.
    let term = Math.exp(-expected)
    let cdf = term
    while (1 - cdf > config.inboundRisk) {
      reserve++
      term *= expected / reserve
      cdf += term
    }
  }
  return reserve + turn.state.inbound.size
}
