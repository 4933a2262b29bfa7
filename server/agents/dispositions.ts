// Recording the outcome of a call (issue 7, "Disposition form"): the disposition row, what
// the outcome does to the queue entry (done, callback, retired, retry, blocked), a
// do-not-call refusal written at once, profile corrections (audited) and a work order for
// the account manager — all in one transaction, so nothing is half-written.
import type { SessionUser } from '../auth/schemas.ts'
import { customerScope } from '../auth/scope.ts'
import { audit } from '../common/audit.ts'
import { ForbiddenError, NotFoundError, ValidationError } from '../common/errors.ts'
import type { DomainEventBus } from '../common/events.ts'
import { updateCustomerIn } from '../customers/service.ts'
import type { Db, Prisma } from '../db/client.ts'
import { formOf } from '../realtime/screen-pop.ts'
import { isRequired, type readForm } from '../realtime/script.ts'
import type { PresenceStore } from './presence.ts'
import type { DispositionSubmit } from './dispositions-schemas.ts'
import { createWorkOrderIn } from '../workorders/service.ts'

export type OutcomeEffect = 'done' | 'callback' | 'retire' | 'retry' | 'dnc'

/** What an outcome does to the queue; codes are the form's option values (zh-CN or English). */
const EFFECTS: Record<string, OutcomeEffect> = {
  预约回访: 'callback', callback: 'callback',
  要求勿扰: 'dnc', dnc: 'dnc', do_not_call: 'dnc',
  '空号/错号': 'retire', 空号: 'retire', 错号: 'retire', wrong_number: 'retire',
  语音信箱: 'retry', 无人接听: 'retry', voicemail: 'retry', no_answer: 'retry',
}
export const outcomeEffect = (outcome: string): OutcomeEffect => EFFECTS[outcome] ?? 'done'

/** A voicemail or no-answer outcome is tried again later the same day (domain.md: three tries). */
const RETRY_AFTER_MS = 2 * 60 * 60 * 1000

export interface DispositionDeps { db: Db; presence: PresenceStore; events: DomainEventBus }

export async function submitDisposition(deps: DispositionDeps, user: SessionUser, input: DispositionSubmit, ip: string, now = new Date()) {
  const { db } = deps
  const call = input.callSid ? await db.call.findUnique({ where: { callSid: input.callSid } }) : null
  if (input.callSid && !call) throw new NotFoundError(`call ${input.callSid}`)
  if (call?.agentId != null && call.agentId !== user.id) throw new ForbiddenError('this call was taken by another agent')
  if (call?.customerId != null && call.customerId !== input.customerId) throw new ValidationError('customerId', 'does not match the call')

  // The agent who took the call may dispose it (an A/B partner's customer included); without
  // a call, the customer must be in the agent's scope.
  const scope: Prisma.CustomerWhereInput = call?.agentId === user.id ? {} : await customerScope(user, db, deps.presence)
  const customer = await db.customer.findFirst({ where: { AND: [scope, { id: input.customerId }] } })
  if (!customer) throw new NotFoundError(`customer ${input.customerId}`)

  const campaignId = input.campaignId ?? call?.campaignId ?? null
  const queueEntryId = input.queueEntryId ?? call?.queueEntryId ?? null
  const campaign = campaignId ? await db.campaign.findUnique({ where: { id: campaignId } }) : null
  if (campaignId && !campaign) throw new NotFoundError(`campaign ${campaignId}`)
  const entry = queueEntryId ? await db.queueEntry.findUnique({ where: { id: queueEntryId } }) : null
  if (queueEntryId && entry?.customerId !== customer.id) throw new ValidationError('queueEntryId', 'is not an entry of this customer')

  const effect = outcomeEffect(input.outcome)
  checkAgainstForm(formOf(campaign?.dispositionForm), input)
  const callbackAt = input.callbackAt ? new Date(input.callbackAt) : null
  if (effect === 'callback' && !callbackAt) throw new ValidationError('callbackAt', `is required for ${input.outcome}`)
  if (callbackAt && callbackAt <= now) throw new ValidationError('callbackAt', 'must be in the future')

  const profile = Object.fromEntries(Object.entries(input.profile ?? {}).filter(([, v]) => v !== undefined && v !== ''))
  const result = await db.$transaction(async (tx) => {
    const disposition = await tx.disposition.create({
      data: {
        callId: call?.id ?? null,
        queueEntryId,
        customerId: customer.id,
        agentId: user.id,
        campaignId,
        outcome: input.outcome,
        notes: input.notes || null,
        fields: input.fields as Prisma.InputJsonValue,
        callbackAt,
      },
    })
    if (entry) await applyToEntry(tx, entry.id, effect, callbackAt, now)
    if (effect === 'dnc') await recordRefusal(tx, customer, user.id, ip)
    if (Object.keys(profile).length) await updateCustomerIn(tx, { id: customer.id }, customer.id, profile, user.id, ip)
    const order = input.workOrder
      ? await createWorkOrderIn(tx, user, { customerId: customer.id, kind: 'disposition', description: input.workOrder.description }, customer.accountManagerId)
      : null
    return { dispositionId: disposition.id, workOrderId: order?.id ?? null }
  })
  if (Object.keys(profile).length) deps.events.emit('customer:changed', { customerId: customer.id })
  return result
}

type Values = Record<string, unknown>

/** Required fields are enforced here as well as on the page; the outcome must be one the form offers. */
export function checkAgainstForm(form: ReturnType<typeof readForm>, input: DispositionSubmit) {
  const values: Values = { ...input.fields, outcome: input.outcome, notes: input.notes, callbackAt: input.callbackAt, workOrder: input.workOrder?.description }
  for (const [k, v] of Object.entries(input.profile ?? {})) values[`profile.${k}`] = v
  for (const field of form) {
    const v = values[field.name]
    if (isRequired(field, values) && (v === undefined || v === null || v === '' || v === false)) {
      throw new ValidationError(field.name, `${field.label} is required`)
    }
  }
  const outcomeField = form.find((f) => f.name === 'outcome')
  if (outcomeField?.options && !outcomeField.options.some((o) => o.value === input.outcome)) {
    throw new ValidationError('outcome', `must be one of ${outcomeField.options.map((o) => o.value).join(', ')}`)
  }
}

async function applyToEntry(tx: Prisma.TransactionClient, id: number, effect: OutcomeEffect, callbackAt: Date | null, now: Date) {
  const data: Prisma.QueueEntryUpdateInput = { updatedAt: now }
  if (effect === 'done') data.status = 'done'
  if (effect === 'retire') data.status = 'retired'
  if (effect === 'callback') Object.assign(data, { status: 'scheduled', nextAttemptAt: callbackAt })
  if (effect === 'retry') Object.assign(data, { status: 'queued', nextAttemptAt: new Date(now.getTime() + RETRY_AFTER_MS) })
  if (effect === 'dnc') Object.assign(data, { status: 'blocked', blockedBy: 'dnc' })
  await tx.queueEntry.update({ where: { id }, data })
}

/** 要求勿扰: the number goes on the do-not-call list now, and nothing queued for it may be dialed. */
async function recordRefusal(tx: Prisma.TransactionClient, customer: { id: number; msisdn: string }, actorId: number, ip: string) {
  await tx.doNotCall.upsert({
    where: { msisdn: customer.msisdn },
    create: { msisdn: customer.msisdn, scope: 'all', reason: '要求勿扰', source: 'disposition', createdById: actorId },
    update: { scope: 'all', reason: '要求勿扰', source: 'disposition', createdById: actorId },
  })
  await tx.queueEntry.updateMany({
    where: { customerId: customer.id, status: { in: ['queued', 'scheduled'] } },
    data: { status: 'blocked', blockedBy: 'dnc', updatedAt: new Date() },
  })
  await audit(tx, { actorId, action: 'dnc.add', entity: 'customer', entityId: customer.id, after: { scope: 'all', source: 'disposition' }, ip })
}
