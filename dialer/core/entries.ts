// The entries a campaign's dialer holds: pooled ones in queue order, and personal ones (a
// manager's own VIPs, call-backs of abandoned customers) that only go out with an agent held.
import type { Entry } from './types.ts'
import { emit, type Turn } from './turn.ts'

/** How many pooled entries to keep at hand per logged-in agent, and the floor. */
const ENTRIES_PER_AGENT = 4
const ENTRIES_FLOOR = 20
/** Ask the queues module again if an earlier request got no answer within this time. */
const REQUEST_RETRY_MS = 30_000

export function addEntries(turn: Turn, entries: readonly Entry[]): void {
  turn.state.entriesRequestedAt = null
  for (const entry of entries) {
    if (entry.agentId !== undefined || entry.mustConnect) turn.state.personal.push(entry)
    else turn.state.pooled.push(entry)
  }
}

/** The next pooled entry inside its window; entries whose window has closed are released. */
export function takePooled(turn: Turn): Entry | undefined {
  return take(turn, turn.state.pooled, () => true)
}

/** Returns an entry taken but not dialed to the head of the pooled queue. */
export function putBack(turn: Turn, entry: Entry): void {
  turn.state.pooled.unshift(entry)
}

/** The next personal entry this agent may take: their own customers, or any call-back. */
export function takePersonal(turn: Turn, agentId: string): Entry | undefined {
  return take(turn, turn.state.personal, (e) => e.agentId === undefined || e.agentId === agentId)
}

function take(turn: Turn, list: Entry[], fits: (e: Entry) => boolean): Entry | undefined {
  for (let i = 0; i < list.length; i++) {
    const entry = list[i]!
    if (entry.notAfter !== undefined && entry.notAfter < turn.now) {
      list.splice(i--, 1)
      emit(turn, { type: 'release_entry', entryId: entry.id, reason: 'window_closed' })
    } else if (insideWindow(entry, turn.now) && fits(entry)) {
      if (i === 0) list.shift() // O(1) for V8, unlike splice: this is the common case
      else list.splice(i, 1)
      return entry
    }
  }
  return undefined
}

export function insideWindow(entry: Entry, now: number): boolean {
  return (entry.notBefore === undefined || entry.notBefore <= now) && (entry.notAfter === undefined || now <= entry.notAfter)
}

/** Asks the queues module for more pooled entries before the dialer runs dry. */
export function requestEntriesIfLow(turn: Turn, loggedIn: number): void {
  const { state } = turn
  const want = ENTRIES_FLOOR + ENTRIES_PER_AGENT * loggedIn
  if (state.pooled.length >= want / 2) return
  if (state.entriesRequestedAt !== null && turn.now - state.entriesRequestedAt < REQUEST_RETRY_MS) return
  state.entriesRequestedAt = turn.now
  emit(turn, { type: 'request_entries', count: want - state.pooled.length })
}

/** When the next personal entry's window opens (a call-back becomes due). */
export function nextPersonalAt(turn: Turn): number | undefined {
  let next: number | undefined
  for (const e of turn.state.personal) {
    if (e.notBefore !== undefined && e.notBefore > turn.now && (next === undefined || e.notBefore < next)) next = e.notBefore
  }
  return next
}
