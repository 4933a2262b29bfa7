// The screen pop: built once when a call is offered to an agent (call:offered), from a few
// indexed reads (customer, 12 usage rows, recent dispositions, open work orders, queue
// entry, campaign), and sent to that agent's room only.
import type { Db } from '../db/client.ts'
import type { DomainEvents } from '../common/events.ts'
import { maskAddress, maskIdNumber } from '../common/mask.ts'
import type { Customer360, ScreenPop } from './events.ts'
import { reasonLabel } from './reasons.ts'
import { DEFAULT_FORM, fillScript, inboundGreeting, INBOUND_SCRIPT, readForm, type ScriptVariables } from './script.ts'

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null)
const TIER_WORDS: Record<string, string> = { diamond: '钻石卡', gold: '金卡', silver: '银卡', star: '星级', standard: '普通' }
const DEFAULT_WRAP_SECONDS = 30

/** Open = not yet checked by the service manager who sent it. */
const OPEN_ORDERS = ['sent', 'accepted', 'returned'] as const

export async function buildScreenPop(db: Db, offer: DomainEvents['call:offered']): Promise<ScreenPop> {
  const [agent, entry] = await Promise.all([
    db.user.findUnique({ where: { id: offer.agentId }, select: { name: true } }),
    offer.queueEntryId ? db.queueEntry.findUnique({ where: { id: offer.queueEntryId } }) : null,
  ])
  const campaignId = offer.campaignId ?? entry?.campaignId ?? null
  const customerId = offer.customerId ?? entry?.customerId ?? null
  const [campaign, customer] = await Promise.all([
    campaignId ? db.campaign.findUnique({ where: { id: campaignId } }) : null,
    customerId ? loadCustomer(db, customerId, entry ? [entry] : null) : null,
  ])
  const managerName = agent?.name ?? ''
  const vars: ScriptVariables = {
    客户姓名: customer?.name,
    经理姓名: managerName,
    经理姓: managerName.slice(0, 1),
    套餐: customer?.planCode,
    到期日: customer?.contractEnd,
    余额: customer?.balance,
    欠费月数: customer?.unpaidMonths,
    星级: customer ? TIER_WORDS[customer.tier] ?? customer.tier : null,
  }
  let script = fillScript(campaign?.script ?? (offer.direction === 'inbound' ? INBOUND_SCRIPT : []), vars)
  if (offer.direction === 'inbound') {
    const greeting = offer.greeting ?? inboundGreeting(managerName)
    script = [{ id: 'greeting', text: greeting, branches: [] }, ...script]
  }
  const wrapSeconds = campaign?.wrapSeconds ?? DEFAULT_WRAP_SECONDS
  return {
    callSid: offer.callSid,
    direction: offer.direction,
    at: offer.at,
    campaign: campaign ? { id: campaign.id, code: campaign.code, name: campaign.name, wrapSeconds } : null,
    queueEntryId: entry?.id ?? null,
    customer,
    script,
    form: campaign ? readForm(campaign.dispositionForm) : DEFAULT_FORM,
    wrapSeconds,
  }
}

type Entry = { reasons: string[] }

/** The customer 360. Reasons come from the offered entry, else from the customer's open entries. */
export async function loadCustomer(db: Db, customerId: number, entries: Entry[] | null): Promise<Customer360 | null> {
  const [c, usage, dispositions, orders, open] = await Promise.all([
    db.customer.findUnique({
      where: { id: customerId },
      include: { serviceManager: { select: { name: true } }, accountManager: { select: { name: true } } },
    }),
    // The 12 latest months on file: billing data arrives a month or more behind the calendar.
    db.monthlyUsage.findMany({ where: { customerId }, orderBy: { month: 'desc' }, take: 12, select: { month: true, bill: true } }),
    db.disposition.findMany({
      where: { customerId },
      orderBy: { createdAt: 'desc' },
      take: 10,
      include: { agent: { select: { name: true } }, campaign: { select: { name: true } } },
    }),
    db.workOrder.findMany({ where: { customerId, status: { in: [...OPEN_ORDERS] } }, orderBy: { createdAt: 'desc' }, take: 10 }),
    entries ? null : db.queueEntry.findMany({ where: { customerId, status: { in: ['queued', 'scheduled', 'in_progress'] } }, select: { reasons: true } }),
  ])
  if (!c) return null
  const codes = [...new Set((entries ?? open ?? []).flatMap((e) => e.reasons))]
  return {
    id: c.id,
    name: c.name,
    msisdn: c.msisdn,
    tier: c.tier,
    gender: c.gender,
    birthday: day(c.birthday),
    idType: c.idType,
    idNumberMasked: maskIdNumber(c.idNumber),
    addressMasked: maskAddress(c.address),
    altPhone: c.altPhone,
    email: c.email,
    network: c.network,
    payment: c.payment,
    status: c.status,
    planCode: c.planCode,
    planMinimum: Number(c.planMinimum),
    contractEnd: day(c.contractEnd),
    balance: Number(c.balance),
    unpaidMonths: c.unpaidMonths,
    joinedOn: day(c.joinedOn)!,
    serviceManager: c.serviceManager?.name ?? null,
    accountManager: c.accountManager?.name ?? null,
    bills: usage.reverse().map((u) => ({ month: u.month.toISOString().slice(0, 7), bill: Number(u.bill) })),
    reasons: codes.map((code) => ({ code, label: reasonLabel(code) })),
    history: dispositions.map((d) => ({
      at: d.createdAt.toISOString(),
      outcome: d.outcome,
      notes: d.notes,
      agent: d.agent.name,
      campaign: d.campaign?.name ?? null,
    })),
    workOrders: orders.map((o) => ({ id: o.id, kind: o.kind, status: o.status, description: o.description, createdAt: o.createdAt.toISOString() })),
  }
}
