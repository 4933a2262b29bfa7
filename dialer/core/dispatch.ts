// After every event: connect or abandon live answers, route inbound VIP calls, give free
// agents their own work (their VIPs, call-backs; every call in preview and progressive
// modes), then let the campaign's pacing place pooled calls.
//
// Order matters. A live answer waiting for an agent goes first: in two seconds it is an
// abandon, while an inbound VIP hears ringing and takes the next agent. Inbound calls come
// before any new outbound call, and pacing leaves agents idle for the inbound calls expected.
import { abandonOverdue } from './call-events.ts'
import { nextPersonalAt, requestEntriesIfLow, takePersonal, takePooled } from './entries.ts'
import { floorOf, lineHeadroom, type Floor } from './floor.ts'
import { inboundReserve, routeInbound } from './inbound.ts'
import { placeOracleCalls } from './pacing/oracle.ts'
import { predictiveCalls } from './pacing/predictive.ts'
import { ratioCalls } from './pacing/ratio.ts'
import type { AgentState } from './state.ts'
import { bridge, emit, placeCall, setStatus, type Turn } from './turn.ts'
import type { Entry, Millis } from './types.ts'

/** Returns when the dialer must be woken (a tick) even if nothing else happens: a live
 *  answer about to be abandoned, or a call-back coming due. */
export function dispatch(turn: Turn): Millis | undefined {
  const floor = floorOf(turn.state)
  abandonOverdue(turn, floor)
  // Live answers, oldest first, to the agents free longest.
  while (floor.waiting.length > 0 && floor.free.length > 0) bridge(turn, floor.waiting.shift()!, floor.free.shift()!)
  routeInbound(turn, floor)
  // Agents kept idle for inbound calls are the ones freed last.
  floor.free.length = Math.max(0, floor.free.length - inboundReserve(turn))
  giveOwnWork(turn, floor)
  const { mode } = turn.state.config
  const headroom = lineHeadroom(turn.state, floor)
  if (mode.kind === 'ratio' || mode.kind === 'predictive') {
    const wanted = mode.kind === 'ratio' ? Math.min(headroom, ratioCalls(mode.ratio, floor)) : predictiveCalls(turn, floor, headroom)
    for (let i = 0; i < wanted; i++) {
      const entry = takePooled(turn)
      if (!entry) break
      placeCall(turn, entry)
    }
  } else if (mode.kind === 'oracle') placeOracleCalls(turn, floor, headroom)
  requestEntriesIfLow(turn, floor.loggedIn)
  const abandonAt = floor.waiting[0] && floor.waiting[0].answeredAt! + turn.state.config.connectMs
  const callbackAt = nextPersonalAt(turn)
  return abandonAt === undefined || (callbackAt !== undefined && callbackAt < abandonAt) ? callbackAt : abandonAt
}

/** Calls placed for one agent: their own customers and call-backs in every mode, and every
 *  call in preview and progressive modes. Agents given work leave `floor.free`. */
function giveOwnWork(turn: Turn, floor: Floor): void {
  const { mode } = turn.state.config
  floor.free = floor.free.filter((agent) => {
    const own = takePersonal(turn, agent.id)
    const entry = own ?? (mode.kind === 'preview' || mode.kind === 'progressive' ? takePooled(turn) : undefined)
    if (!entry) return true
    if (mode.kind === 'preview') showPreview(turn, agent, entry)
    else placeCall(turn, entry, agent)
    return false
  })
}

function showPreview(turn: Turn, agent: AgentState, entry: Entry): void {
  setStatus(turn, agent, 'previewing', { preview: entry })
  emit(turn, { type: 'preview', agentId: agent.id, entryId: entry.id })
}
