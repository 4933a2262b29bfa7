// The simulator's clairvoyant bound: it knows when each agent will be free and which numbers
// a person will answer, and how soon. It dials only those, timed so that the person answers
// just before an agent frees up (within the connect time, so nobody is abandoned).
import type { Floor } from '../floor.ts'
import { putBack, takePooled } from '../entries.ts'
import { emit, placeCall, type Turn } from '../turn.ts'

export function placeOracleCalls(turn: Turn, floor: Floor, headroom: number): void {
  const foresee = turn.foresee
  if (!foresee) throw new Error('oracle pacing needs foresight (the simulator provides it)')
  const { now, state } = turn
  const freeAt: number[] = floor.free.map(() => now)
  for (const agent of floor.busy) {
    if (agent.entryId === undefined) continue // on an inbound call: no foresight
    const call = foresee(agent.entryId, agent.since)
    freeAt.push(agent.since + (agent.status === 'wrap' ? call.wrapMs : call.talkMs + call.wrapMs))
  }
  freeAt.sort((a, b) => a - b)
  // Persons already on their way take the first agents to free up.
  let slot = floor.waiting.length + floor.ringing.filter((c) => foresee(c.entry.id, c.placedAt).outcome === 'human').length
  const early = state.config.connectMs / 2
  for (let placed = 0; slot < freeAt.length && placed < headroom; ) {
    const entry = takePooled(turn)
    if (!entry) return
    const call = foresee(entry.id, now)
    if (call.outcome !== 'human') {
      emit(turn, { type: 'release_entry', entryId: entry.id, reason: 'not_answering' })
      continue
    }
    if (now + call.outcomeAfterMs < freeAt[slot]! - early) {
      putBack(turn, entry)
      return
    }
    placeCall(turn, entry)
    placed++
    slot++
  }
}
