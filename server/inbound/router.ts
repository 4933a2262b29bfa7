// Inbound VIP routing (domain.md "Inbound"): a known customer with a service manager is put
// through to that manager when the manager can take the call, else to their A/B partner,
// else to the general pool; a customer who opted out, who presses 0, or whom nobody knows
// goes to the pool. A softphone with no open leg is rung for at most 20 s. Every decision
// reads Redis only (caller cache, presence, legs).
import twilio from 'twilio'
import type { AgentInfo } from '../agents/directory.ts'
import type { LegFacts } from '../telephony/call-store.ts'
import type { TelephonyCore } from '../telephony/service.ts'
import { conferenceTwiml, memoTwiml, ringClientTwiml, sayAndHangup } from '../telephony/twiml.ts'
import { PATHS, webhookUrl } from '../telephony/urls.ts'
import type { Caller } from './directory.ts'
import { managerGreeting } from './greeting.ts'
import { poolFor, type InboundPool } from './pool.ts'

export const RING_SECONDS = 20
const ZH = { language: 'zh-CN' } as const
const PROMPT = '您好，正在为您接通您的专属电话经理，转人工服务请按0。'
const TO_POOL = '正在为您转接人工服务，请稍候。'

export type Role = 'manager' | 'partner' | 'pool'

/** The prompt with the way out to the pool (0); its action is the route step. */
const promptTwiml = memoTwiml('inbound-prompt', (action: string) => {
  const r = new twilio.twiml.VoiceResponse()
  r.gather({ numDigits: 1, timeout: 2, action, actionOnEmptyResult: true }).say(ZH, PROMPT)
  return r.toString()
})

const poolTwiml = memoTwiml('inbound-pool', (pool: string) => {
  const r = new twilio.twiml.VoiceResponse()
  r.say(ZH, TO_POOL)
  r.enqueue({}, pool)
  return r.toString()
})

export class InboundRouter {
  constructor(
    private readonly core: TelephonyCore,
    readonly pool: InboundPool,
  ) {}

  private url(step: string, extra: Record<string, string | number> = {}) {
    return webhookUrl(this.core.deps.config.PUBLIC_BASE_URL, PATHS.inbound, undefined, { step, ...extra })
  }

  /** First answer: offer the manager (with a way out to the pool) or go to the pool at once. */
  async start(leg: LegFacts, caller: Caller | null, params: object): Promise<string> {
    const context = { kind: 'inbound' as const, customerId: caller?.customerId }
    this.core.background('recording an inbound call', this.core.recordEvent({ leg: { ...leg, context }, kind: 'inbound:start', payload: params, set: { status: 'ringing' } }))
    if (!caller || caller.optOut || (await this.candidates(caller, true)).length === 0) return this.toPool(leg, caller)
    return promptTwiml(this.url('route'))
  }

  /** After the prompt: 0 means the pool; otherwise the manager, or the partner, or the pool. */
  async route(leg: LegFacts, caller: Caller | null, digits: string): Promise<string> {
    if (!caller || digits === '0') return this.toPool(leg, caller)
    return this.putThrough(leg, caller, await this.candidates(caller, false))
  }

  /** The Dial to an agent ended: done if they talked, else try the next in line. */
  async after(leg: LegFacts, caller: Caller | null, agentId: number, role: Role, dialStatus: string): Promise<string> {
    if (dialStatus === 'completed' || dialStatus === 'answered') return sayAndHangup(null)
    // The softphone did not pick up within the ring time: free the agent, go on.
    if (await this.core.claims.endIfCurrent(agentId, leg.callSid)) await this.core.releaseAgent(agentId)
    if (!caller || role !== 'manager') return this.toPool(leg, caller)
    const partner = (await this.candidates(caller, false)).filter((c) => c.role === 'partner')
    return this.putThrough(leg, caller, partner)
  }

  /** Who may take this caller, in order: the manager, then (when the manager is absent or busy) the partner. */
  private async candidates(caller: Caller, onlyAvailable: boolean): Promise<{ agent: AgentInfo; role: Role }[]> {
    if (caller.managerId === null) return []
    const { agents, presence } = this.core.deps
    const manager = await agents.get(caller.managerId)
    if (!manager) return []
    const partner = manager.partnerId === null ? undefined : await agents.get(manager.partnerId)
    const list = [{ agent: manager, role: 'manager' as Role }, ...(partner ? [{ agent: partner, role: 'partner' as Role }] : [])]
    if (!onlyAvailable) return list
    const states = await presence.getMany(list.map((c) => c.agent.id))
    return list.filter((c) => states.get(c.agent.id)?.state === 'available')
  }

  private async putThrough(leg: LegFacts, caller: Caller, candidates: { agent: AgentInfo; role: Role }[]): Promise<string> {
    const taken = await this.core.claims.claimFree(candidates.map((c) => c.agent.id), Date.now(), leg.callSid)
    const chosen = taken && candidates.find((c) => c.agent.id === taken.agentId)
    if (!chosen) return this.toPool(leg, caller)
    return this.connected(leg, chosen.agent, chosen.role, caller.customerId, taken.legSid)
  }

  /** A pool caller goes to the agent claimed for them (the redirect's TwiML). */
  async connectTwiml(leg: Omit<LegFacts, 'context'>, agent: AgentInfo, customerId: number | null): Promise<string> {
    await this.core.claims.setCurrent(agent.id, leg.callSid)
    return this.connected(leg, agent, 'pool', customerId, await this.core.legs.sid(agent.id))
  }

  /**
   * The claimed agent, whose current call this now is, takes the call: their room when their
   * leg is up (no ringing), else their softphone rings for at most 20 s. The rest (presence
   * published, screen pop with the greeting, bridged_at stored) follows the reply.
   */
  private connected(leg: Omit<LegFacts, 'context'>, agent: AgentInfo, role: Role, customerId: number | null, legSid: string | null): string {
    const callSid = leg.callSid
    const { core } = this
    setImmediate(() => core.background('recording an inbound routing', (async () => {
      const { persisted } = await core.startAgentCall(agent.id, leg, { currentSet: true })
      core.deps.events.emit('call:offered', {
        callSid, agentId: agent.id, branchId: agent.branchId, direction: 'inbound', customerId,
        campaignId: null, queueEntryId: null, greeting: managerGreeting(agent.name), at: Date.now(),
      })
      await persisted
    })()))
    const action = this.url('after', { a: agent.id, r: role })
    return legSid ? conferenceTwiml(agent.username, { action }) : ringClientTwiml(agent.username, RING_SECONDS, action)
  }

  private async toPool(leg: LegFacts, caller: Caller | null): Promise<string> {
    const pool = poolFor(caller?.branchId ?? null)
    await this.pool.enqueue(pool, leg, caller?.customerId ?? null)
    setImmediate(() => this.core.background('serving the pool', this.pool.serve(pool)))
    return poolTwiml(pool)
  }
}
