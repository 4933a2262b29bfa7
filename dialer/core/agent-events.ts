// Agent presence from the softphone. Breaks and log-outs asked for during a call wait until
// the call and its wrap-up are done, so that no call loses its agent.
import type { DialerEvent } from './types.ts'
import { recordHandle } from './learning/estimates.ts'
import { emit, freeAgent, placeCall, setStatus, type Turn } from './turn.ts'
import { insideWindow } from './entries.ts'

type AgentEvent = Extract<DialerEvent, { agentId: string }>

export function onAgentEvent(turn: Turn, event: AgentEvent): void {
  const { agents } = turn.state
  const agent = agents.get(event.agentId)
  switch (event.type) {
    case 'agent_logged_in':
    case 'agent_available':
      if (!agent) agents.set(event.agentId, { id: event.agentId, status: 'available', since: turn.now })
      else if (agent.status === 'break') setStatus(turn, agent, 'available')
      else delete agent.after
      return
    case 'agent_break':
    case 'agent_logged_out': {
      if (!agent) return
      const after = event.type === 'agent_break' ? 'break' : 'logged_out'
      if (agent.status === 'previewing') {
        emit(turn, { type: 'release_entry', entryId: agent.preview!.id, reason: 'agent_away' })
      } else if (agent.status !== 'available' && agent.status !== 'break') {
        agent.after = after
        return
      }
      agent.after = after
      return freeAgent(turn, agent)
    }
    case 'agent_wrap_done':
      if (agent?.status !== 'wrap') return
      if (agent.entryId !== undefined) recordHandle(turn.state.learned, 'wrap', (turn.now - agent.since) / 1000, turn.state.stats.humanAnswers)
      return freeAgent(turn, agent)
    case 'preview_accepted':
      if (agent?.status !== 'previewing' || agent.preview!.id !== event.entryId) return
      if (insideWindow(agent.preview!, turn.now)) placeCall(turn, agent.preview!, agent)
      else {
        emit(turn, { type: 'release_entry', entryId: event.entryId, reason: 'window_closed' })
        freeAgent(turn, agent)
      }
      return
    case 'preview_skipped':
      if (agent?.status !== 'previewing' || agent.preview!.id !== event.entryId) return
      emit(turn, { type: 'release_entry', entryId: event.entryId, reason: 'skipped' })
      return freeAgent(turn, agent)
  }
}
