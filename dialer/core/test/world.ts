// A small world around one dialer for property tests: agents, customers and inbound callers
// who act at random but only in ways the real ones can, and who check every command the
// dialer gives against what is true in the world.
import type { DialerCommand, DialerEvent, Entry } from '../types.ts'

type AgentTruth = {
  loggedIn: boolean
  onBreak: boolean
  /** Asked for a break or log-out while busy. */
  leaving: boolean
  busy: null | { kind: 'held' | 'talking'; callId: string } | { kind: 'wrap' } | { kind: 'inbound'; inboundId: string } | { kind: 'preview'; entryId: string }
}

type CallTruth = { entryId: string; state: 'ringing' | 'answered' | 'connected'; heldFor?: string }

export const AGENTS = ['a1', 'a2', 'a3', 'a4']

export class World {
  now = 0
  readonly agents = new Map<string, AgentTruth>(AGENTS.map((a) => [a, { loggedIn: false, onBreak: false, leaving: false, busy: null }]))
  readonly calls = new Map<string, CallTruth>()
  readonly entries = new Map<string, Entry>()
  readonly inbound = new Map<string, string[]>()
  readonly abandoned = new Set<string>()
  private entrySeq = 0
  private inboundSeq = 0

  /** The events the world could send next. */
  possible(): (() => DialerEvent)[] {
    const out: (() => DialerEvent)[] = [() => ({ type: 'tick' }), () => this.addEntries()]
    for (const [agentId, a] of this.agents) {
      if (!a.loggedIn) out.push(() => this.login(agentId))
      else {
        out.push(() => this.away(agentId, 'agent_break'), () => this.away(agentId, 'agent_logged_out'), () => this.back(agentId))
        if (a.busy?.kind === 'wrap') out.push(() => this.freed(agentId, { type: 'agent_wrap_done', agentId }))
        if (a.busy?.kind === 'preview') {
          const entryId = a.busy.entryId
          out.push(() => ({ type: 'preview_accepted', agentId, entryId }), () => this.freed(agentId, { type: 'preview_skipped', agentId, entryId }))
        }
      }
    }
    for (const [callId, c] of this.calls) {
      if (c.state === 'ringing') {
        out.push(() => this.answered(callId))
        for (const type of ['call_answered_machine', 'call_no_answer', 'call_busy', 'call_failed', 'call_ringing'] as const) out.push(() => this.unanswered(callId, type))
      } else out.push(() => this.hungUp(callId))
    }
    out.push(() => this.inboundArrives())
    for (const inboundId of this.inbound.keys()) out.push(() => this.inboundEnds(inboundId))
    for (const [agentId, a] of this.agents) if (a.busy?.kind === 'inbound') out.push(() => this.inboundEnds((a.busy as { inboundId: string }).inboundId, agentId))
    return out
  }

  /** Checks one command against the truth, then lets the world follow it. */
  obey(command: DialerCommand): void {
    switch (command.type) {
      case 'place_call': {
        const entry = this.entries.get(command.entryId)
        if (!entry) throw new Error(`dialed unknown entry ${command.entryId}`)
        if ((entry.notBefore ?? -Infinity) > this.now || (entry.notAfter ?? Infinity) < this.now) throw new Error(`dialed ${entry.id} outside its window at ${this.now}`)
        if ([...this.calls.values()].some((c) => c.entryId === entry.id)) throw new Error(`dialed ${entry.id} twice at once`)
        if (command.agentId !== undefined) {
          const a = this.agents.get(command.agentId)!
          const previewed = a.busy?.kind === 'preview' && a.busy.entryId === entry.id
          if (!previewed) this.mustBeFree(command.agentId, 'held a call for')
          a.busy = { kind: 'held', callId: command.callId }
        }
        this.calls.set(command.callId, { entryId: entry.id, state: 'ringing', heldFor: command.agentId })
        return
      }
      case 'bridge': {
        const call = this.calls.get(command.callId)
        if (call?.state !== 'answered') throw new Error(`bridged ${command.callId}, which is ${call?.state ?? 'gone'}`)
        const a = this.agents.get(command.agentId)!
        const held = a.busy?.kind === 'held' && a.busy.callId === command.callId
        if (!held) this.mustBeFree(command.agentId, 'bridged a call to')
        if (call.heldFor !== undefined && call.heldFor !== command.agentId) throw new Error(`bridged ${command.callId} away from its held agent`)
        call.state = 'connected'
        a.busy = { kind: 'talking', callId: command.callId }
        return
      }
      case 'abandon': {
        const call = this.calls.get(command.callId)
        if (call?.state !== 'answered') throw new Error(`abandoned ${command.callId}, which is ${call?.state ?? 'gone'}`)
        if (this.abandoned.has(command.entryId)) throw new Error(`abandoned ${command.entryId} twice`)
        this.abandoned.add(command.entryId)
        this.calls.delete(command.callId)
        return
      }
      case 'reserve_agent': {
        this.mustBeFree(command.agentId, 'routed an inbound call to')
        if (!this.inbound.get(command.inboundId)?.includes(command.agentId)) throw new Error(`routed ${command.inboundId} to ${command.agentId}`)
        this.inbound.delete(command.inboundId)
        this.agents.get(command.agentId)!.busy = { kind: 'inbound', inboundId: command.inboundId }
        return
      }
      case 'preview':
        this.mustBeFree(command.agentId, 'showed a preview to')
        this.agents.get(command.agentId)!.busy = { kind: 'preview', entryId: command.entryId }
        return
      case 'release_entry':
        // An accepted preview whose window had closed goes back: its agent is free again.
        for (const a of this.agents.values()) if (a.busy?.kind === 'preview' && a.busy.entryId === command.entryId) a.busy = null
        return
      default:
        return
    }
  }

  private mustBeFree(agentId: string, what: string): void {
    const a = this.agents.get(agentId)
    if (!a?.loggedIn || a.onBreak || a.leaving || a.busy) throw new Error(`${what} ${agentId}, who is ${JSON.stringify(a)}`)
  }

  private login(agentId: string): DialerEvent {
    Object.assign(this.agents.get(agentId)!, { loggedIn: true, onBreak: false, leaving: false, busy: null })
    return { type: 'agent_logged_in', agentId }
  }

  private away(agentId: string, type: 'agent_break' | 'agent_logged_out'): DialerEvent {
    const a = this.agents.get(agentId)!
    if (a.busy && a.busy.kind !== 'preview') a.leaving = true
    else {
      a.busy = null
      if (type === 'agent_break') a.onBreak = true
      else a.loggedIn = false
    }
    return { type, agentId }
  }

  private back(agentId: string): DialerEvent {
    const a = this.agents.get(agentId)!
    a.onBreak = false
    a.leaving = false
    return { type: 'agent_available', agentId }
  }

  /** The agent is done with what they had: free, or gone where they asked to go. */
  private freed(agentId: string, event: DialerEvent): DialerEvent {
    const a = this.agents.get(agentId)!
    a.busy = null
    if (a.leaving) Object.assign(a, { leaving: false, onBreak: true })
    return event
  }

  private addEntries(): DialerEvent {
    const entries: Entry[] = []
    for (let i = 0; i < 3; i++) {
      const id = `e${++this.entrySeq}`
      const entry: Entry = { id }
      if (this.entrySeq % 3 === 1) entry.notBefore = this.now + 4000
      if (this.entrySeq % 4 === 2) entry.notAfter = this.now + 3000
      if (this.entrySeq % 7 === 0) entry.agentId = AGENTS[this.entrySeq % AGENTS.length]
      this.entries.set(id, entry)
      entries.push(entry)
    }
    return { type: 'entries_added', entries }
  }

  private answered(callId: string): DialerEvent {
    this.calls.get(callId)!.state = 'answered'
    return { type: 'call_answered_human', callId }
  }

  private unanswered(callId: string, type: 'call_answered_machine' | 'call_no_answer' | 'call_busy' | 'call_failed' | 'call_ringing'): DialerEvent {
    if (type === 'call_ringing') return { type, callId }
    const call = this.calls.get(callId)!
    this.calls.delete(callId)
    if (call.heldFor !== undefined) this.freed(call.heldFor, { type: 'tick' })
    return { type, callId }
  }

  private hungUp(callId: string): DialerEvent {
    const call = this.calls.get(callId)!
    this.calls.delete(callId)
    if (call.state === 'connected') {
      const agent = [...this.agents.values()].find((a) => a.busy?.kind === 'talking' && a.busy.callId === callId)!
      agent.busy = { kind: 'wrap' }
    }
    return { type: 'call_ended', callId }
  }

  private inboundArrives(): DialerEvent {
    const inboundId = `i${++this.inboundSeq}`
    const agentIds = AGENTS.filter((_, i) => (this.inboundSeq + i) % 2 === 0)
    this.inbound.set(inboundId, agentIds)
    return { type: 'inbound_waiting', inboundId, agentIds }
  }

  private inboundEnds(inboundId: string, agentId?: string): DialerEvent {
    this.inbound.delete(inboundId)
    if (agentId !== undefined) this.agents.get(agentId)!.busy = { kind: 'wrap' }
    return { type: 'inbound_ended', inboundId }
  }
}
