// What happens to a campaign's calls reaches its dialer through a Redis stream per campaign
// (campaign:<id>:events): any node that receives a webhook or places a call appends there,
// and the one node pacing the campaign reads it. Attempt outcomes are recorded on the
// queue entry by whichever node sees the call end.
import type { Redis } from 'ioredis'
import type { DialerEvent } from '../../../dialer/core/types.ts'
import type { Db } from '../../db/client.ts'
import { Batcher } from '../../common/batcher.ts'
import type { AttemptOutcome } from '../../queues/attempts.ts'
import { isFinal, markAbandoned, type CallContext, type CallRow } from '../../telephony/call-store.ts'
import type { TelephonyCore } from '../../telephony/service.ts'
import { recordAttempts, type Attempt } from './attempt-writer.ts'

/** A stream entry: a dialer event, plus the CallSid when the event is call_placed. */
export interface FedEvent {
  event: DialerEvent
  callSid?: string
}

const MAX_STREAM = 100_000

export const streamKey = (key: (...p: (string | number)[]) => string, campaignId: number) => key('campaign', campaignId, 'events')

export async function publish(redis: Redis, stream: string, fed: FedEvent) {
  await redis.xadd(stream, 'MAXLEN', '~', String(MAX_STREAM), '*', 'e', JSON.stringify(fed))
}

/** How Twilio's final status of a customer call counts as an attempt on its entry. */
export function attemptOutcome(call: CallRow, status: string): AttemptOutcome {
  if (call.bridgedAt) return 'connected'
  if (call.answeredAt && call.answeredBy && /^(machine|fax)/.test(call.answeredBy)) return 'machine'
  // A person answered and nobody took the call: an abandon, whether we played the message or they hung up.
  if (call.answeredAt && call.answeredBy) return 'abandoned'
  if (status === 'busy') return 'busy'
  if (status === 'no-answer' || call.answeredAt) return 'no_answer'
  return 'failed'
}

/** The dialer event for a status of one of its calls (in-progress waits for the AMD result). */
function statusEvent(callId: string, status: string, answered: boolean): DialerEvent | undefined {
  switch (status) {
    case 'ringing': return { type: 'call_ringing', callId }
    case 'busy': return { type: 'call_busy', callId }
    case 'no-answer': return { type: 'call_no_answer', callId }
    case 'failed':
    case 'canceled': return { type: 'call_failed', callId }
    case 'completed': return answered ? { type: 'call_ended', callId } : { type: 'call_no_answer', callId }
    default: return undefined
  }
}

/** Wires telephony facts about campaign calls into the campaigns' streams (on every node). */
export function feedCampaignCalls(core: TelephonyCore, db: Db, callbackDelayMs: number) {
  const { redis, key, log } = core.deps
  const attempts = new Batcher<Attempt, void>({ run: async (items) => (await recordAttempts(db, items), items.map(() => undefined)) })
  const stream = (campaignId: number) => streamKey(key, campaignId)
  const isCampaignCall = (c: CallContext): c is CallContext & { campaignId: number; dialId: string } =>
    c.kind === 'customer' && c.campaignId !== undefined && c.dialId !== undefined

  // Calls of a pacing dialer feed its stream; every customer call of an entry (preview calls
  // too, which no dialer placed) counts as an attempt on it.
  core.deps.dial.onOutcome(async ({ context, callSid, error }) => {
    if (context.kind !== 'customer') return
    if (callSid) {
      if (isCampaignCall(context)) await publish(redis, stream(context.campaignId), { event: { type: 'call_placed', callId: context.dialId }, callSid })
      return
    }
    log.warn({ campaignId: context.campaignId, entryId: context.entryId, error }, 'campaign call not placed')
    if (isCampaignCall(context)) await publish(redis, stream(context.campaignId), { event: { type: 'call_failed', callId: context.dialId } })
    if (context.entryId) await attempts.submit({ entryId: context.entryId, outcome: 'failed', at: new Date() })
  })

  // The stream and the attempt are independent: a final status callback waits for both at once.
  core.onStatus('customer', async (call, status, context) => {
    const event = isCampaignCall(context) ? statusEvent(context.dialId, status, call.answeredAt !== null) : undefined
    await Promise.all([
      event && publish(redis, stream(context.campaignId!), { event }),
      isFinal(status) && context.entryId && recordAttempt(call, status, context.entryId),
    ])
  })

  async function recordAttempt(call: CallRow, status: string, entryId: number) {
    const outcome = attemptOutcome(call, status)
    if (outcome === 'abandoned' && !call.abandoned) await markAbandoned(db, call.callSid)
    // The dialer keeps an abandoned customer and calls them back itself: the entry stays claimed.
    const keepClaimedUntil = outcome === 'abandoned' ? new Date(Date.now() + callbackDelayMs) : undefined
    await attempts.submit({ entryId, outcome, at: new Date(), keepClaimedUntil })
  }

  core.onAmd(async (_call, answeredBy, context) => {
    if (!isCampaignCall(context)) return
    const human = answeredBy === 'human' || answeredBy === 'unknown'
    await publish(redis, stream(context.campaignId), { event: { type: human ? 'call_answered_human' : 'call_answered_machine', callId: context.dialId } })
  })
}
