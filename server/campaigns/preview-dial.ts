// Preview dialing: the agent looks at one of their entries (my queue, the screen pop) and
// dials it now. The entry passes every compliance check again at this moment (claim.ts), the
// agent is taken like for any call (no other call reaches them meanwhile), and the call goes
// through the CPS-limited dial queue with TwiML that puts the customer straight into the
// agent's conference on answer: the agent hears it ring, so there is no machine detection
// and no abandon. Attempts are recorded like every campaign call's (runner/feed.ts).
import type { Db } from '../db/client.ts'
import { ConflictError, NotFoundError } from '../common/errors.ts'
import { claimNextEntries } from '../queues/claim.ts'
import { markAnswered, type CallContext } from '../telephony/call-store.ts'
import type { DialOutcome } from '../telephony/dial-queue.ts'
import type { TelephonyCore } from '../telephony/service.ts'
import { conferenceTwiml } from '../telephony/twiml.ts'
import { RING_TIMEOUT_SEC } from './runner/commands.ts'

type PreviewContext = CallContext & { kind: 'customer'; campaignId: number; entryId: number; customerId: number; agentId: number }

/** A customer call placed for a named agent, not by a pacing dialer (which gives it a dialId). */
export const isPreviewCall = (c: CallContext): c is PreviewContext =>
  c.kind === 'customer' && c.agentId !== undefined && c.entryId !== undefined && c.campaignId !== undefined && c.dialId === undefined

export class PreviewDialer {
  constructor(private readonly core: TelephonyCore, private readonly db: Db, private readonly centreTimeZone: string) {
    core.deps.dial.onOutcome((outcome) => this.placed(outcome))
    core.onStatus('customer', async (call, status, context) => {
      if (isPreviewCall(context) && status === 'in-progress') {
        await markAnswered(db, call.callSid, context.agentId)
      }
    })
  }

  /** Claims the agent and the entry, and queues the call; the screen pop follows once it is placed. */
  async dial({ queueEntryId, agentId }: { queueEntryId: number; agentId: number }) {
    const { core, db } = this
    const entry = await db.queueEntry.findUnique({ where: { id: queueEntryId }, select: { campaignId: true, campaign: { select: { status: true } } } })
    if (!entry) throw new NotFoundError(`queue entry ${queueEntryId}`)
    if (entry.campaign.status !== 'running') throw new ConflictError(`this campaign is ${entry.campaign.status}: nobody dials its entries now`, 'CAMPAIGN_NOT_RUNNING')
    const agent = await core.deps.agents.get(agentId)
    if (!agent) throw new NotFoundError(`user ${agentId}`)
    if (!(await core.legs.sid(agentId))) throw new ConflictError('your softphone line is not connected: go available first', 'LINE_NOT_CONNECTED')
    if ((await core.claims.claim([agentId], Date.now())) === null) throw new ConflictError('you are not available for a call', 'AGENT_NOT_AVAILABLE')
    try {
      const [target] = await claimNextEntries(db, {
        campaignId: entry.campaignId, entryId: queueEntryId, limit: 1, now: new Date(), centreTimeZone: this.centreTimeZone,
      })
      if (!target) {
        throw new ConflictError('this customer may not be called now (quiet hours, calling window, do-not-call, attempt limit, frequency cap or already in a call)', 'NOT_DIALABLE_NOW')
      }
      const context: PreviewContext = { kind: 'customer', campaignId: target.campaignId, entryId: target.entryId, customerId: target.customerId, agentId }
      const urls = core.urls(context)
      await core.deps.dial.add({
        kind: 'call',
        context,
        params: {
          to: target.dialNumber, from: core.deps.config.TWILIO_CALLER_ID, twiml: conferenceTwiml(agent.username),
          statusCallback: urls.status, statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'], timeout: RING_TIMEOUT_SEC,
        },
      }, { jobId: `preview-${target.entryId}-${Date.now()}`, interactive: true })
      return { queueEntryId, status: 'dialing' as const }
    } catch (err) {
      await core.releaseAgent(agentId)
      throw err
    }
  }

  /** Runs on the node that placed the call: the agent is on it, or free again if it failed. */
  private async placed({ context, callSid }: DialOutcome) {
    if (!isPreviewCall(context)) return
    const { core } = this
    if (!callSid) return core.releaseAgent(context.agentId)
    const leg = { callSid, direction: 'outbound' as const, from: core.deps.config.TWILIO_CALLER_ID, to: '' }
    const { agent, persisted } = await core.startAgentCall(context.agentId, leg, { bridged: false })
    await persisted
    core.deps.events.emit('call:offered', {
      callSid, agentId: context.agentId, branchId: agent?.branchId ?? null, direction: 'outbound', customerId: context.customerId,
      campaignId: context.campaignId, queueEntryId: context.entryId, at: Date.now(),
    })
    await core.endIfAlreadyOver(context.agentId, callSid, context.campaignId)
  }
}
