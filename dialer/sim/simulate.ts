// The discrete-event simulator: a virtual clock drives the production dialer core with the
// scenario's agents and customers, and measures what contracts.md section 4 reports.
import { Dialer } from '../core/dialer.ts'
import { campaignConfig, dialModeName } from '../core/config.ts'
import type { DialMode, DialerCommand, DialerEvent } from '../core/types.ts'
import { Customers } from './customers.ts'
import { EventQueue } from './event-queue.ts'
import type { Scenario } from './scenario.ts'

export interface SimResult {
  strategy: string
  agents: number
  hours: number
  placed: number
  humanAnswers: number
  machineAnswers: number
  abandoned: number
  /** abandoned / humanAnswers */
  abandonRate: number
  /** (talk + wrap-up time) / staffed time */
  occupancy: number
  talkMinutesPerAgentHour: number
  /** Mean time an agent waited, free, for each call they got. */
  meanWaitSeconds: number
}

/** Pacing ticks, as the server sends them. */
const TICK_MS = 1000

export function simulate(scenario: Scenario, mode: DialMode, seed = scenario.seed): SimResult {
  return new Simulation(scenario, mode, seed).run()
}

class Simulation {
  private readonly endMs: number
  private readonly customers: Customers
  private readonly dialer: Dialer
  private readonly agenda = new EventQueue<DialerEvent>()
  /** The tick the clock sends every second (wake-ups are other tick objects). */
  private readonly periodic: DialerEvent = { type: 'tick' }
  private readonly entryOfCall = new Map<string, string>()
  /** When each agent became (or will become) free. */
  private readonly freeSince = new Map<string, number>()
  private busyMs = 0
  private talkMs = 0
  private waitMs = 0
  private bridges = 0

  constructor(private readonly scenario: Scenario, private readonly mode: DialMode, seed: number) {
    this.endMs = scenario.hours * 3_600_000
    this.customers = new Customers(scenario, seed)
    this.dialer = Dialer.create(campaignConfig({ mode, abandonTarget: scenario.abandonTarget, connectMs: scenario.connectSeconds * 1000 }))
  }

  run(): SimResult {
    const { agenda, dialer } = this
    for (let i = 1; i <= this.scenario.agents; i++) {
      agenda.push(0, { type: 'agent_logged_in', agentId: `a${i}` })
      this.freeSince.set(`a${i}`, 0)
    }
    agenda.push(TICK_MS, this.periodic)
    const foresee = this.mode.kind === 'oracle' ? this.customers.call.bind(this.customers) : undefined
    let wakeAt: number | undefined
    for (let item = agenda.pop(); item && item.at <= this.endMs; item = agenda.pop()) {
      const { at, value: event } = item
      for (const command of dialer.handle(event, { now: at, foresee })) this.carryOut(command, at)
      if (event === this.periodic) agenda.push(at + TICK_MS, this.periodic)
      const wake = dialer.nextWakeAt()
      if (wake !== undefined && wake > at && wake !== wakeAt && wake % TICK_MS !== 0) agenda.push((wakeAt = wake), { type: 'tick' })
    }
    return this.result()
  }

  private carryOut(command: DialerCommand, now: number): void {
    switch (command.type) {
      case 'place_call': {
        this.entryOfCall.set(command.callId, command.entryId)
        const call = this.customers.call(command.entryId, now)
        const type = call.outcome === 'human' ? 'call_answered_human' : call.outcome === 'machine' ? 'call_answered_machine' : 'call_no_answer'
        this.agenda.push(now + call.outcomeAfterMs, { type, callId: command.callId })
        return
      }
      case 'bridge': {
        const call = this.customers.call(this.entryOfCall.get(command.callId)!, now)
        const doneAt = now + call.talkMs + call.wrapMs
        this.agenda.push(now + call.talkMs, { type: 'call_ended', callId: command.callId })
        this.agenda.push(doneAt, { type: 'agent_wrap_done', agentId: command.agentId })
        this.waitMs += now - (this.freeSince.get(command.agentId) ?? 0)
        this.freeSince.set(command.agentId, doneAt)
        this.busyMs += Math.min(doneAt, this.endMs) - now
        this.talkMs += Math.min(call.talkMs, this.endMs - now)
        this.bridges++
        return
      }
      case 'request_entries':
        this.agenda.push(now, { type: 'entries_added', entries: this.customers.next(command.count) })
        return
      default:
        return // abandon messages, machine drops, call-back notes: nothing to simulate
    }
  }

  private result(): SimResult {
    const { scenario } = this
    const { placed, humanAnswers, machineAnswers, abandoned } = this.dialer.stats
    const agentHours = scenario.agents * scenario.hours
    return {
      strategy: dialModeName(this.mode),
      agents: scenario.agents,
      hours: scenario.hours,
      placed,
      humanAnswers,
      machineAnswers,
      abandoned,
      abandonRate: humanAnswers ? abandoned / humanAnswers : 0,
      occupancy: this.busyMs / (agentHours * 3_600_000),
      talkMinutesPerAgentHour: this.talkMs / 60_000 / agentHours,
      meanWaitSeconds: this.bridges ? this.waitMs / this.bridges / 1000 : 0,
    }
  }
}
