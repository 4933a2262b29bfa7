// A snapshot of the campaign floor, taken once per event in one pass over agents and calls:
// who is free, who will be, which pooled calls still ring and which answers wait. Dispatch
// hands out free agents from it; pacing strategies read it.
import type { AgentState, CallState, DialerState } from './state.ts'

export interface Floor {
  /** Free agents, longest idle first; dispatch removes those it gives work to. */
  free: AgentState[]
  /** Agents on a call or in wrap-up: free again some time soon. */
  busy: AgentState[]
  /** Pooled calls placed and not answered yet. */
  ringing: CallState[]
  /** Live answers waiting for an agent, oldest first. */
  waiting: CallState[]
  loggedIn: number
}

export function floorOf(state: DialerState): Floor {
  const floor: Floor = { free: [], busy: [], ringing: [], waiting: [], loggedIn: state.agents.size }
  for (const agent of state.agents.values()) {
    if (agent.status === 'available') floor.free.push(agent)
    else if (agent.after === undefined && (agent.status === 'talking' || agent.status === 'wrap' || agent.status === 'inbound')) {
      floor.busy.push(agent)
    }
  }
  for (const call of state.calls.values()) {
    if (call.status === 'waiting') floor.waiting.push(call)
    else if (call.status === 'dialing' && call.agentId === undefined) floor.ringing.push(call)
  }
  floor.free.sort((a, b) => a.since - b.since || (a.id < b.id ? -1 : 1))
  floor.waiting.sort((a, b) => a.answeredAt! - b.answeredAt!)
  return floor
}

/** Pooled calls the trunk may still take. */
export function lineHeadroom(state: DialerState, floor: Floor): number {
  return Math.max(0, state.config.maxLinesPerAgent * floor.loggedIn - floor.ringing.length)
}
