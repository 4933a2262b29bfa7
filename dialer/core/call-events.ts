// Outbound call events: answers are bridged or wait (at most the connect time) for an agent,
// machines are dropped, unanswered calls free the agent held for them, and what happened is
// learned for pacing.
import type { DialerEvent } from './types.ts'
import type { CallState, OutcomeSeries } from './state.ts'
import type { Floor } from './floor.ts'
import { recordHandle, recordOutcome } from './learning/estimates.ts'
import { bridge, emit, freeAgent, setStatus, type Turn } from './turn.ts'

type CallEvent = Extract<DialerEvent, { callId: string }>

export function onCallEvent(turn: Turn, event: CallEvent): void {
  const call = turn.state.calls.get(event.callId)
  if (!call) {
    if (event.type === 'call_ended') talkEnded(turn, event.callId)
    return
  }
  switch (event.type) {
    case 'call_placed':
    case 'call_ringing':
      return // nothing changes: pacing counts a call as in flight from the moment it asked for it
    case 'call_answered_human':
      if (call.status === 'dialing') answeredByPerson(turn, call)
      return
    case 'call_answered_machine':
      if (call.status !== 'dialing') return
      turn.state.stats.machineAnswers++
      emit(turn, { type: 'drop_machine', callId: call.id, voicemail: turn.state.config.leaveVoicemail })
      return unanswered(turn, call, 'machine')
    case 'call_no_answer':
    case 'call_busy':
    case 'call_failed':
      if (call.status === 'dialing') unanswered(turn, call, 'other')
      return
    case 'call_ended':
      return ended(turn, call)
  }
}

function answeredByPerson(turn: Turn, call: CallState): void {
  learnOutcome(turn, call, 'human')
  call.answerSeq = ++turn.state.stats.humanAnswers
  call.answeredAt = turn.now
  const held = call.agentId === undefined ? undefined : turn.state.agents.get(call.agentId)
  if (held) bridge(turn, call, held)
  else call.status = 'waiting' // dispatch bridges it to the next free agent or abandons it
}

function unanswered(turn: Turn, call: CallState, outcome: OutcomeSeries): void {
  learnOutcome(turn, call, outcome)
  turn.state.calls.delete(call.id)
  releaseHeldAgent(turn, call)
}

function ended(turn: Turn, call: CallState): void {
  if (call.status === 'dialing') return unanswered(turn, call, 'other')
  // The customer hung up before an agent came: not connected in time, so it counts.
  turn.state.calls.delete(call.id)
  countAbandon(turn, call)
}

/** A connected call hung up: its agent wraps up. */
function talkEnded(turn: Turn, callId: string): void {
  for (const agent of turn.state.agents.values()) {
    if (agent.status !== 'talking' || agent.callId !== callId) continue
    recordHandle(turn.state.learned, 'talk', (turn.now - agent.since) / 1000, agent.answerSeq!)
    return setStatus(turn, agent, 'wrap', { entryId: agent.entryId! })
  }
}

function releaseHeldAgent(turn: Turn, call: CallState): void {
  const agent = call.agentId === undefined ? undefined : turn.state.agents.get(call.agentId)
  if (agent?.status === 'dialing' && agent.callId === call.id) freeAgent(turn, agent)
}

function learnOutcome(turn: Turn, call: CallState, outcome: OutcomeSeries): void {
  recordOutcome(turn.state.learned, outcome, (turn.now - call.placedAt) / 1000, call.seq)
}

/** Live answers nobody could take within the connect time get the recorded message. */
export function abandonOverdue(turn: Turn, floor: Floor): void {
  const { calls, config } = turn.state
  while (floor.waiting.length > 0 && floor.waiting[0]!.answeredAt! + config.connectMs <= turn.now) {
    const call = floor.waiting.shift()!
    calls.delete(call.id)
    emit(turn, { type: 'abandon', callId: call.id, entryId: call.entry.id })
    countAbandon(turn, call)
  }
}

/** An abandoned customer is called back progressively, never pooled again. */
function countAbandon(turn: Turn, call: CallState): void {
  const { state, now } = turn
  state.stats.abandoned++
  const notBefore = Math.max(call.entry.notBefore ?? 0, now + state.config.callbackDelayMs)
  state.personal.push({ ...call.entry, mustConnect: true, notBefore })
  emit(turn, { type: 'schedule_callback', entryId: call.entry.id, notBefore, mode: 'progressive' })
}


