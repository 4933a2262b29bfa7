// The dialer's commands carried out with the telephony adapter and the queues module. Each
// is safe to run twice (a new pacing node re-runs the commands its predecessor had saved
// but may not have finished): calls are placed under a job id, a bridge already made is
// recognised, updates of entries are idempotent.
import type { DialerCommand, DialerEvent, Entry } from '../../../dialer/core/types.ts'
import type { Db } from '../../db/client.ts'
import { claimNextEntries } from '../../queues/claim.ts'
import { markAbandoned } from '../../telephony/call-store.ts'
import type { TelephonyCore } from '../../telephony/service.ts'
import { conferenceTwiml, sayAndHangup } from '../../telephony/twiml.ts'
import type { Book } from './book.ts'

export interface CampaignFacts {
  id: number
  branchId: number | null
  portfolio: 'personal' | 'pooled'
  abandonMessage: string
  voicemailText: string | null
}

export interface CommandDeps {
  core: TelephonyCore
  db: Db
  campaign: CampaignFacts
  book: Book
  /** Feeds an event the runner produced itself to the dialer; returns its commands. */
  feed: (event: DialerEvent) => DialerCommand[]
  /** Logged-in agents of a personal campaign (entries are claimed per owner). */
  loggedIn: () => number[]
  centreTimeZone: string
}

/** A Twilio ring time above the 15 s minimum compliance asks for. */
export const RING_TIMEOUT_SEC = 25
const PERSONAL_PER_AGENT = 2

export async function runCommand(d: CommandDeps, cmd: DialerCommand): Promise<DialerCommand[]> {
  const { core, db, campaign, book } = d
  switch (cmd.type) {
    case 'request_entries':
      return requestEntries(d, cmd.count)
    case 'place_call': {
      const entry = book.entries[cmd.entryId]
      if (!entry) return d.feed({ type: 'call_failed', callId: cmd.callId })
      book.calls[cmd.callId] = { entryId: Number(cmd.entryId) }
      const context = { kind: 'customer' as const, campaignId: campaign.id, entryId: Number(cmd.entryId), customerId: entry.customerId, dialId: cmd.callId }
      const urls = core.urls(context)
      await core.deps.dial.add({
        kind: 'call',
        context,
        params: {
          to: entry.dialNumber, from: core.deps.config.TWILIO_CALLER_ID, url: urls.answer,
          statusCallback: urls.status, statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
          machineDetection: 'Enable', asyncAmd: 'true', asyncAmdStatusCallback: urls.amd, timeout: RING_TIMEOUT_SEC,
        },
      }, { jobId: `dial-${campaign.id}-${book.runId}-${cmd.callId}` })
      return []
    }
    case 'bridge':
      return bridge(d, cmd.callId, Number(cmd.agentId))
    case 'abandon': {
      const sid = book.calls[cmd.callId]?.callSid
      if (!sid) return []
      await markAbandoned(db, sid)
      await redirectLive(d, sid, sayAndHangup(campaign.abandonMessage))
      return []
    }
    case 'drop_machine': {
      const sid = book.calls[cmd.callId]?.callSid
      if (sid) await redirectLive(d, sid, sayAndHangup(cmd.voicemail ? campaign.voicemailText : null))
      return []
    }
    case 'schedule_callback':
      // The dialer keeps the entry and calls back itself; the entry stays claimed until then.
      await db.$executeRaw`UPDATE queue_entries SET status = 'in_progress', next_attempt_at = ${new Date(cmd.notBefore)} WHERE id = ${Number(cmd.entryId)}`
      return []
    case 'release_entry':
      await db.$executeRaw`UPDATE queue_entries SET status = 'queued' WHERE id = ${Number(cmd.entryId)} AND status = 'in_progress'`
      return []
    case 'reserve_agent': // inbound calls are put through by server/inbound; the dialer only keeps the agent free
    case 'preview': // preview mode is offered by the softphone, not paced here
      return []
  }
}

async function requestEntries(d: CommandDeps, count: number): Promise<DialerCommand[]> {
  const { db, campaign, book } = d
  const now = new Date()
  const claims = campaign.portfolio === 'personal'
    ? await Promise.all(d.loggedIn().map((agentId) => claimNextEntries(db, { campaignId: campaign.id, agentId, limit: PERSONAL_PER_AGENT, now, centreTimeZone: d.centreTimeZone })))
    : [await claimNextEntries(db, { campaignId: campaign.id, limit: count, now, centreTimeZone: d.centreTimeZone })]
  const entries: Entry[] = claims.flat().map((t) => {
    book.entries[t.entryId] = { customerId: t.customerId, dialNumber: t.dialNumber, claimedAt: now.getTime() }
    return { id: String(t.entryId), ...(t.agentId !== null && campaign.portfolio === 'personal' ? { agentId: String(t.agentId) } : {}) }
  })
  return entries.length ? d.feed({ type: 'entries_added', entries }) : []
}

/**
 * Puts the answered customer into the agent's room. The agent is claimed first (another node
 * may have just given them an inbound call); if that fails the customer gets the abandon
 * message rather than a room with nobody in it.
 */
async function bridge(d: CommandDeps, callId: string, agentId: number): Promise<DialerCommand[]> {
  const { core, book, campaign } = d
  const call = book.calls[callId]
  if (!call?.callSid) return []
  if ((await core.claims.current(agentId)) === call.callSid) return [] // already done before a failover
  // The dialer counts the agent as talking on this call until it ends, whatever happens here.
  book.agents.ours[String(agentId)] = { callId, ended: false }
  const agent = await core.deps.agents.get(agentId)
  const leg = agent && (await core.legs.sid(agentId))
  const claimed = leg ? await core.claims.claim([agentId], Date.now()) : null
  if (!agent || claimed === null) {
    await markAbandoned(core.deps.db, call.callSid)
    await redirectLive(d, call.callSid, sayAndHangup(campaign.abandonMessage))
    return []
  }
  if (!(await redirectLive(d, call.callSid, conferenceTwiml(agent.username)))) {
    await core.releaseAgent(agentId)
    return []
  }
  const entry = book.entries[call.entryId]
  const customerLeg = { callSid: call.callSid, direction: 'outbound' as const, from: core.deps.config.TWILIO_CALLER_ID, to: entry?.dialNumber ?? '' }
  await (await core.startAgentCall(agentId, customerLeg)).persisted
  core.deps.events.emit('call:offered', {
    callSid: call.callSid, agentId, branchId: agent.branchId, direction: 'outbound', customerId: entry?.customerId ?? null,
    campaignId: campaign.id, queueEntryId: call.entryId, at: Date.now(),
  })
  return []
}

/** Twilio refuses to redirect a call that already ended (the customer hung up): nothing to do then. */
async function redirectLive(d: CommandDeps, callSid: string, twiml: string): Promise<boolean> {
  try {
    await d.core.redirect(callSid, twiml)
    return true
  } catch (err) {
    d.core.deps.log.info({ err: (err as Error).message, callSid }, 'call ended before the dialer could act on it')
    return false
  }
}
