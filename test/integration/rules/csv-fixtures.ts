// Loads small customers.csv / usage.csv texts (contracts.md section 2 columns) straight into
// the tables, so rule tests read like the files operators import. Columns left out take the
// defaults below; `city` names a branch created on the fly.
import { parse } from 'csv-parse/sync'
import type { Db } from '../../../server/db/client.ts'
import { branch } from '../../fixtures.ts'

const bool = (v: string | undefined) => v === '1'
const date = (v: string | undefined) => (v ? new Date(`${v}T00:00:00Z`) : null)
const text = (v: string | undefined) => (v === undefined || v === '' ? null : v)
export const e164 = (msisdn: string) => (msisdn.startsWith('+') ? msisdn : `+86${msisdn}`)

export async function loadCustomers(db: Db, csv: string): Promise<Map<string, number>> {
  const rows = parse(csv.trim(), { columns: true, trim: true }) as Record<string, string>[]
  const ids = new Map<string, number>()
  for (const r of rows) {
    const b = await branch(db, r.city || '太原')
    const managers = await Promise.all(['service_manager', 'account_manager'].map((k) =>
      r[k] ? db.user.findUniqueOrThrow({ where: { username: r[k]! }, select: { id: true } }).then((u) => u.id) : null))
    const c = await db.customer.create({
      data: {
        msisdn: e164(r.msisdn!),
        name: r.name ?? `客户${r.msisdn}`,
        gender: (text(r.gender) as 'M' | 'F' | null),
        birthday: date(r.birthday),
        idType: text(r.id_type), idNumber: text(r.id_number), address: text(r.address),
        altPhone: r.alt_phone ? e164(r.alt_phone) : null,
        branchId: b.id,
        network: (r.network || 'G') as 'G',
        tier: (r.tier || 'standard') as 'standard',
        cardType: (r.card_type || 'normal') as 'normal',
        payment: (r.payment || 'postpaid') as 'postpaid',
        balance: r.balance || '100',
        unpaidMonths: Number(r.unpaid_months || 0),
        planCode: text(r.plan_code),
        planMinimum: r.plan_minimum || '0',
        contractEnd: date(r.contract_end),
        status: (r.status || 'active') as 'active',
        closedOn: date(r.closed_on),
        joinedOn: date(r.joined_on || '2015-01-01')!,
        callForwarding: bool(r.call_forwarding),
        groupCustomer: bool(r.group_customer),
        rental: bool(r.rental),
        marketingOptOut: bool(r.marketing_opt_out),
        serviceManagerId: managers[0],
        accountManagerId: managers[1],
      },
    })
    ids.set(r.msisdn!, c.id)
  }
  return ids
}

/** usage.csv: msisdn, month (YYYY-MM), bill, sp_fee, call_minutes. */
export async function loadUsage(db: Db, ids: Map<string, number>, csv: string): Promise<void> {
  const rows = parse(csv.trim(), { columns: true, trim: true }) as Record<string, string>[]
  await db.monthlyUsage.createMany({
    data: rows.map((r) => ({
      customerId: ids.get(r.msisdn!)!,
      month: new Date(`${r.month}-01T00:00:00Z`),
      bill: r.bill!,
      spFee: r.sp_fee || '0',
      callMinutes: Number(r.call_minutes || 0),
    })),
  })
}

/** The same bill for each listed month: usage('138...', ['2024-10', '2024-11'], 80). */
export function usageRows(msisdn: string, months: string[], bill: number | string, spFee: number | string = 0): string {
  return months.map((m) => `${msisdn},${m},${bill},${spFee},100`).join('\n')
}
