// The screen pop: built once when a call is offered to an agent (call:offered), from one SQL
// round trip (./screen-pop-query.ts), and sent to that agent's room only. ID number and
// address are masked here, before anything leaves the server.
import type { DomainEvents } from '../common/events.ts'
import { maskAddress, maskIdNumber } from '../common/mask.ts'
import type { Db } from '../db/client.ts'
import type { Customer360, ScreenPop } from './events.ts'
import { reasonLabel } from './reasons.ts'
import { loadPopRow, type PopRow } from './screen-pop-query.ts'
import { BASE_FORM } from '../campaigns/default-forms.ts'
import { fillScript, inboundGreeting, INBOUND_SCRIPT, readForm, type ScriptVariables } from './script.ts'

const TIER_WORDS: Record<string, string> = { diamond: '钻石卡', gold: '金卡', silver: '银卡', star: '星级', standard: '普通' }
const DEFAULT_WRAP_SECONDS = 30
const iso = (t: string) => new Date(t).toISOString()

export async function buildScreenPop(db: Db, offer: DomainEvents['call:offered']): Promise<ScreenPop> {
  const row = await loadPopRow(db, offer)
  const { campaign } = row
  // The offered entry says why this call is made; otherwise every open entry of the customer.
  const customer = row.customer ? toCustomer360(row, row.entry ? row.entry.reasons : row.openReasons) : null
  const managerName = row.agentName ?? ''
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
    queueEntryId: row.entry?.id ?? null,
    customer,
    script,
    form: formOf(campaign?.dispositionForm),
    wrapSeconds,
    ringing: false,
  }
}

/** The campaign's form; calls without one (inbound) use the default campaigns' base form. */
export function formOf(json: unknown) {
  const form = readForm(json)
  return form.length ? form : readForm(BASE_FORM)
}

function toCustomer360(row: PopRow, reasons: string[]): Customer360 {
  const { idNumber, address, planMinimum, balance, ...c } = row.customer!
  return {
    ...c,
    idNumberMasked: maskIdNumber(idNumber),
    addressMasked: maskAddress(address),
    planMinimum: Number(planMinimum),
    balance: Number(balance),
    bills: row.bills.map((b) => ({ month: b.month, bill: Number(b.bill) })),
    reasons: reasons.map((code) => ({ code, label: reasonLabel(code) })),
    history: row.history.map((h) => ({ ...h, at: iso(h.at) })),
    workOrders: row.workOrders.map((w) => ({ ...w, createdAt: iso(w.createdAt) })),
  }
}
