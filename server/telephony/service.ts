// The telephony adapter other modules use (app.telephony): the twilio client, the
// CPS-limited dial queue, the agents' conference legs, call-status listeners, and the
// moments an agent's call starts and ends (presence and domain events).
import type { FastifyBaseLogger } from 'fastify'
import type { Redis } from 'ioredis'
import type twilio from 'twilio'
import type { PresenceStore } from '../agents/presence.ts'
import type { DomainEventBus } from '../common/events.ts'
import type { Config } from '../config.ts'
import type { Db } from '../db/client.ts'
import { AgentClaims } from './agent-claim.ts'
import { AgentLegs } from './agent-legs.ts'
import type { AgentDirectory } from '../agents/directory.ts'
import { Batcher } from '../common/batcher.ts'
import { isFinal, markBridged, recordEvents, recordStatuses, type CallContext, type CallRow, type EventReport, type LegFacts, type StatusReport } from './call-store.ts'
import type { DialQueue } from './dial-queue.ts'
import { PATHS, webhookUrl } from './urls.ts'

export interface TelephonyDeps {
  config: Config
  db: Db
  redis: Redis
  key: (...parts: (string | number)[]) => string
  events: DomainEventBus
  presence: PresenceStore
  log: FastifyBaseLogger
  client: twilio.Twilio
  dial: DialQueue
  agents: AgentDirectory
  /** Where the emulator's control API is (TELEPHONY=emulator only). */
  emulatorOrigin?: () => string
}

export type StatusListener = (call: CallRow, status: string, context: CallContext) => Promise<void>
export type AmdListener = (call: CallRow, answeredBy: string, context: CallContext) => Promise<void>

/** Wrap-up after an inbound call (campaign calls use the campaign's wrapSeconds). */
export const INBOUND_WRAP_SECONDS = 30

export class TelephonyCore {
  readonly claims: AgentClaims
  private readonly statusListeners = new Map<CallContext['kind'], StatusListener[]>()
  private readonly amdListeners: AmdListener[] = []
  private readonly wrapSeconds = new Map<number, number>()
  readonly legs: AgentLegs
  /** Status callbacks arriving together are stored in one statement (one commit); other webhook facts too. */
  private readonly statuses: Batcher<StatusReport, CallRow | null>
  private readonly events: Batcher<EventReport, CallRow | null>

  constructor(readonly deps: TelephonyDeps) {
    this.claims = new AgentClaims(deps.redis, deps.key)
    this.legs = new AgentLegs(this)
    this.statuses = new Batcher({ run: (reports) => recordStatuses(deps.db, reports) })
    this.events = new Batcher({ run: (events) => recordEvents(deps.db, events) })
  }

  /** Stores a status callback; the call as it is now, or null for a status already recorded. */
  recordStatus(report: StatusReport): Promise<CallRow | null> {
    return this.statuses.submit(report)
  }

  /** Stores another webhook fact (answer, AMD, inbound step); the call, or null for a repeat. */
  recordEvent(event: EventReport): Promise<CallRow | null> {
    return this.events.submit(event)
  }

  get client() {
    return this.deps.client
  }

  onStatus(kind: CallContext['kind'], listener: StatusListener) {
    this.statusListeners.set(kind, [...(this.statusListeners.get(kind) ?? []), listener])
  }

  onAmd(listener: AmdListener) {
    this.amdListeners.push(listener)
  }

  /** The webhook URLs a new leg reports to. */
  urls(context: CallContext) {
    const base = this.deps.config.PUBLIC_BASE_URL
    return {
      answer: webhookUrl(base, PATHS.answer, context),
      status: webhookUrl(base, PATHS.status, context),
      amd: webhookUrl(base, PATHS.amd, context),
    }
  }

  /** A status callback was recorded for the first time: tell whoever follows this kind of leg. */
  async statusChanged(call: CallRow, status: string, context: CallContext) {
    if (call.agentId !== null) {
      const agent = await this.deps.agents.get(call.agentId)
      this.deps.events.emit('call:status', { callSid: call.callSid, agentId: call.agentId, branchId: agent?.branchId ?? null, status, at: Date.now() })
    }
    // Which agent was on an ending call is asked while the listeners run.
    const ending = isFinal(status) && (context.kind === 'customer' || context.kind === 'inbound') ? this.claims.agentOf(call.callSid) : null
    for (const listener of this.statusListeners.get(context.kind) ?? []) await listener(call, status, context)
    const agentId = await ending
    if (agentId != null) await this.endAgentCall(agentId, call.callSid, await this.wrapFor(call.campaignId))
  }

  async amdReported(call: CallRow, answeredBy: string, context: CallContext) {
    for (const listener of this.amdListeners) await listener(call, answeredBy, context)
  }

  /** Replaces a live call's TwiML (bridge, abandon message, drop, transfer). */
  async redirect(callSid: string, twiml: string) {
    await this.deps.client.calls(callSid).update({ twiml })
  }

  /**
   * The agent (already claimed: on_call in Redis) takes this call. What decisions need (the
   * agent's current call) is set before this returns and the transition is published; the
   * durable part (bridged_at, agent_state_log) is `persisted`, which a webhook answering
   * Twilio need not wait for. A preview call is not bridged yet (`bridged: false`): the agent
   * is on it while it rings, and it counts as bridged once the customer answers.
   * `currentSet`: the claim already recorded the agent's current call (AgentClaims.claimFree).
   */
  async startAgentCall(agentId: number, leg: Omit<LegFacts, 'context'>, opts: { bridged?: boolean; currentSet?: boolean } = {}) {
    const now = Date.now()
    const agent = await this.deps.agents.get(agentId)
    if (!opts.currentSet) await this.claims.setCurrent(agentId, leg.callSid)
    this.deps.events.emit('agent:presence', { agentId, branchId: agent?.branchId ?? null, state: 'on_call', since: now })
    // The claim already made the agent on_call in Redis; writing the hash again here, after a
    // slow insert, could undo a release that happened meanwhile (a softphone not answering).
    const persisted = Promise.all([
      (opts.bridged ?? true) ? markBridged(this.deps.db, leg, agentId) : undefined,
      this.deps.presence.logged(agentId, 'on_call', now),
    ])
    return { agent, persisted }
  }

  /** Work a webhook leaves running after it answered: failures are logged, not lost silently. */
  background(what: string, work: Promise<unknown>) {
    work.catch((err) => this.deps.log.error({ err }, `${what} failed`))
  }

  /** The agent's call is over (hung up or transferred): wrap-up starts, once per call. */
  async endAgentCall(agentId: number, callSid: string, wrapSeconds: number) {
    if (!(await this.claims.endIfCurrent(agentId, callSid))) return
    const agent = await this.deps.agents.get(agentId)
    const branchId = agent?.branchId ?? null
    const current = await this.deps.presence.get(agentId)
    if (current.state === 'on_call') {
      const next = await this.deps.presence.set(agentId, 'wrap_up')
      this.deps.events.emit('agent:presence', { agentId, branchId, ...next })
    }
    this.deps.events.emit('call:ended', { callSid, agentId, branchId, wrapSeconds, at: Date.now() })
  }

  /**
   * For a call whose agent was set only after it was placed (preview): its final status may
   * have come first and found no agent to end. Setting the agent, then reading the stored
   * status, closes that gap from this side; endAgentCall runs once either way.
   */
  async endIfAlreadyOver(agentId: number, callSid: string, campaignId: number | null) {
    const call = await this.deps.db.call.findUnique({ where: { callSid }, select: { status: true } })
    if (call && isFinal(call.status)) await this.endAgentCall(agentId, callSid, await this.wrapFor(campaignId))
  }

  /** An agent claimed for a call that did not reach them goes back to available. */
  async releaseAgent(agentId: number) {
    const agent = await this.deps.agents.get(agentId)
    const current = await this.deps.presence.get(agentId)
    if (current.state !== 'on_call') return
    await this.claims.claim([agentId], Date.now(), 'on_call', 'available')
    const next = await this.deps.presence.set(agentId, 'available')
    this.deps.events.emit('agent:presence', { agentId, branchId: agent?.branchId ?? null, ...next })
  }

  private async wrapFor(campaignId: number | null): Promise<number> {
    if (campaignId === null) return INBOUND_WRAP_SECONDS
    let seconds = this.wrapSeconds.get(campaignId)
    if (seconds === undefined) {
      const campaign = await this.deps.db.campaign.findUnique({ where: { id: campaignId }, select: { wrapSeconds: true } })
      seconds = campaign?.wrapSeconds ?? INBOUND_WRAP_SECONDS
      this.wrapSeconds.set(campaignId, seconds)
    }
    return seconds
  }
}
