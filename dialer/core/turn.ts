// One event's worth of work: the state being changed, the time, and the commands produced.
// Every handler takes a Turn and changes its state in place; the Dialer class copies the
// state only when asked for a snapshot.
import type { DialerCommand, DialerContext, Entry, Millis } from './types.ts'
import type { AgentState, AgentStatus, CallState, DialerState } from './state.ts'
import type { Estimates } from './learning/estimates.ts'

export interface Turn {
  state: DialerState
  now: Millis
  foresee: DialerContext['foresee']
  /** What has been learned, brought up to date on first use (only predictive pacing needs it). */
  estimates: () => Estimates
  out: DialerCommand[]
  /** Set when an agent finished with what they had: there is work to hand out. */
  agentFreed: boolean
}

export function emit(turn: Turn, command: DialerCommand): void {
  turn.out.push(command)
}

/** Dials `entry`; with `agent`, that agent waits for this call and gets it when answered. */
export function placeCall(turn: Turn, entry: Entry, agent?: AgentState): CallState {
  const { state } = turn
  const seq = ++state.seq
  const call: CallState = { id: `c${seq}`, seq, entry, placedAt: turn.now, status: 'dialing' }
  state.calls.set(call.id, call)
  state.stats.placed++
  if (agent) {
    call.agentId = agent.id
    setStatus(turn, agent, 'dialing', { callId: call.id })
  }
  emit(turn, { type: 'place_call', callId: call.id, entryId: entry.id, ...(agent && { agentId: agent.id }) })
  return call
}

export function setStatus(
  turn: Turn,
  agent: AgentState,
  status: AgentStatus,
  links: Pick<AgentState, 'callId' | 'entryId' | 'answerSeq' | 'inboundId' | 'preview'> = {},
): void {
  agent.status = status
  agent.since = turn.now
  delete agent.callId
  delete agent.entryId
  delete agent.answerSeq
  delete agent.inboundId
  delete agent.preview
  Object.assign(agent, links)
}

/** The agent has nothing to do any more: available, or the break or log-out they asked for. */
export function freeAgent(turn: Turn, agent: AgentState): void {
  turn.agentFreed = true
  if (agent.after === 'logged_out') {
    turn.state.agents.delete(agent.id)
    return
  }
  setStatus(turn, agent, agent.after === 'break' ? 'break' : 'available')
  delete agent.after
}

export function bridge(turn: Turn, call: CallState, agent: AgentState): void {
  turn.state.calls.delete(call.id)
  setStatus(turn, agent, 'talking', { callId: call.id, entryId: call.entry.id, answerSeq: call.answerSeq! })
  emit(turn, { type: 'bridge', callId: call.id, agentId: agent.id })
}
