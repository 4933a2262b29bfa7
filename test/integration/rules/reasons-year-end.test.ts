// contracts.md section 3, by hand, as of D = 2025-01-02: M1 = 2024-12, M2 = 2024-11,
// M3 = 2024-10; "joined in D's calendar year" means 2025; birthdays D..D+3 = 01-02..01-05;
// D + 2 months = 2025-03-02; D − 30 days = 2024-12-03. Customers carry bills of 100 in each
// of M3, M2, M1 unless the row says otherwise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureDefaults } from '../../../server/campaigns/defaults.ts'
import type { Db } from '../../../server/db/client.ts'
import { resetState, testDb } from '../../helper.ts'
import { user } from '../../fixtures.ts'
import { e164, loadCustomers, loadUsage } from './csv-fixtures.ts'
import { runAndExport } from './reason-sets.ts'

const CUSTOMERS = `
msisdn,birthday,payment,balance,unpaid_months,plan_minimum,contract_end,status,joined_on,call_forwarding,card_type,network,group_customer,rental,marketing_opt_out,alt_phone
13900000101,,postpaid,100,0,0,,active,2015-01-01,0,normal,G,0,0,0,
13900000102,1980-01-02,postpaid,100,0,0,,active,2015-01-01,0,normal,G,0,0,0,
13900000103,1990-01-05,postpaid,100,0,0,,active,2015-01-01,0,normal,G,0,0,0,
13900000104,1990-01-06,postpaid,100,0,0,,active,2015-01-01,0,normal,G,0,0,0,
13900000105,1990-01-01,postpaid,100,0,0,,active,2015-01-01,0,normal,G,0,0,0,
13900000106,,prepaid,9.99,0,0,,active,2015-01-01,0,normal,G,0,0,0,
13900000107,,prepaid,10,0,0,,active,2015-01-01,0,normal,G,0,0,0,
13900000108,,postpaid,100,2,0,,active,2015-01-01,0,normal,G,0,0,0,
13900000109,,postpaid,100,1,0,,active,2015-01-01,0,normal,G,0,0,0,
13900000110,,prepaid,50,3,0,,active,2015-01-01,0,normal,G,0,0,0,
13900000111,,postpaid,100,0,0,2025-03-02,active,2015-01-01,0,normal,G,0,0,0,
13900000112,,postpaid,100,0,0,2025-03-03,active,2015-01-01,0,normal,G,0,0,0,
13900000113,,postpaid,100,0,0,2025-01-02,active,2015-01-01,0,normal,G,0,0,0,
13900000114,,postpaid,100,0,0,2025-01-03,active,2015-01-01,0,normal,G,0,0,0,
13900000115,,postpaid,100,0,0,,active,2015-01-01,0,normal,G,0,0,0,
13900000116,,postpaid,100,0,0,,active,2015-01-01,0,normal,G,0,0,0,
13900000117,,postpaid,100,0,0,,active,2015-01-01,0,normal,G,0,0,0,
13900000118,,postpaid,100,0,0,,active,2015-01-01,0,normal,G,0,0,0,
13900000119,,postpaid,100,0,0,,active,2015-01-01,0,normal,G,0,0,0,
13900000120,,postpaid,100,0,128,,active,2015-01-01,0,normal,G,0,0,0,
13900000121,,postpaid,100,0,128,,active,2015-01-01,0,normal,G,0,0,0,
13900000122,,postpaid,100,0,100,,active,2015-01-01,0,normal,G,0,0,0,
13900000123,,postpaid,100,0,100,,active,2015-01-01,0,normal,G,0,0,0,
13900000124,,postpaid,100,0,0,,single_stop,2015-01-01,0,normal,G,0,0,0,
13900000125,,postpaid,100,0,0,,double_stop,2015-01-01,0,normal,G,0,0,0,13700000125
13900000126,,postpaid,100,0,0,,double_stop,2015-01-01,0,normal,G,0,0,0,
13900000127,,postpaid,100,0,0,,active,2015-01-01,1,normal,G,0,0,0,
13900000128,,postpaid,100,0,0,,active,2024-12-03,0,normal,G,0,0,0,
13900000129,,postpaid,100,0,0,,active,2024-12-02,0,normal,G,0,0,0,
13900000130,,postpaid,100,0,0,,active,2025-01-02,0,normal,G,0,0,0,
13900000131,,postpaid,100,0,0,,active,2025-01-03,0,normal,G,0,0,0,
13900000132,,prepaid,0,0,0,,active,2015-01-01,0,staff,G,0,0,0,
13900000133,,prepaid,0,0,0,,closed,2015-01-01,0,normal,G,0,0,0,
13900000134,,prepaid,5,0,0,,active,2015-01-01,0,normal,G,0,0,0,
13900000135,,prepaid,5,0,0,,active,2015-01-01,0,normal,G,0,0,0,
13900000136,,prepaid,5,0,0,,active,2015-01-01,0,normal,G,0,0,0,
13900000137,,prepaid,5,0,0,,active,2015-01-01,0,normal,G,0,0,0,
13900000138,,prepaid,5,0,0,,active,2015-01-01,0,normal,BB,0,0,0,
13900000139,,prepaid,5,0,0,,active,2015-01-01,0,normal,G,1,0,0,
13900000140,,prepaid,5,0,0,,active,2015-01-01,0,normal,C,0,1,0,
13900000141,,prepaid,5,0,0,,active,2024-06-01,0,normal,G,0,0,0,
13900000142,,prepaid,0,0,0,,active,2025-01-01,0,normal,G,0,0,0,
13900000143,,postpaid,100,3,0,2025-02-01,active,2015-01-01,0,normal,G,0,0,1,
13900000144,,postpaid,100,2,0,2025-02-15,active,2015-01-01,1,normal,G,0,0,0,
13900000145,,prepaid,1,0,0,,active,2015-01-01,0,normal,G,0,0,0,
13900000147,,postpaid,100,0,0,,active,2024-12-20,0,normal,G,0,0,0,
13900000148,,postpaid,100,0,0,,active,2024-12-20,0,normal,G,0,0,0,
13900000149,2000-01-02,postpaid,100,0,0,,active,2015-01-01,0,test,G,0,0,0,`

/** Bills of M3, M2, M1 (2024-10, -11, -12) where they differ from 100/100/100; null = no usage at all. */
const BILLS: Record<string, [number, number, number, [number, number, number]?] | null> = {
  '13900000115': [100, 100, 69.99],
  '13900000116': [100, 100, 70],
  '13900000117': [100, 100, 99.99],
  '13900000118': [100, 100, 0],
  '13900000119': [150, 0, 50],
  '13900000121': [100, 100, 128],
  '13900000122': [130, 130, 130],
  '13900000123': [130, 130, 129.99],
  '13900000128': [0, 0, 200],
  '13900000129': [0, 0, 200],
  '13900000130': null,
  '13900000131': null,
  '13900000134': [60, 60, 60, [60, 60, 60]],
  '13900000135': [60, 60, 60, [60, 60, 59]],
  '13900000136': [49.99, 50, 50],
  '13900000137': [50, 50, 50],
  '13900000138': [10, 10, 10],
  '13900000139': [10, 10, 10],
  '13900000140': [10, 10, 10],
  '13900000141': [10, 10, 10],
  '13900000142': null,
  '13900000144': [100, 100, 50],
  '13900000147': [0, 0, 200],
  '13900000148': [0, 0, 200],
}

function usageCsv(msisdns: string[]): string {
  const months = ['2024-10', '2024-11', '2024-12']
  const lines = ['msisdn,month,bill,sp_fee,call_minutes']
  for (const m of msisdns) {
    const spec = m in BILLS ? BILLS[m] : [100, 100, 100]
    if (!spec) continue
    const [b3, b2, b1, sp = [0, 0, 0]] = spec as [number, number, number, [number, number, number]?]
    ;[b3, b2, b1].forEach((bill, i) => lines.push(`${m},${months[i]},${bill},${sp[i]},100`))
  }
  return lines.join('\n')
}

/** Hand-computed: what each customer's queue entries must carry. Customers not listed get none. */
const EXPECTED: Record<string, string> = {
  '13900000102': 'SERVICE_CARE:BIRTHDAY', // birthday on D
  '13900000103': 'SERVICE_CARE:BIRTHDAY', // D + 3, inclusive
  '13900000106': 'SERVICE_CARE:ARREARS_PREPAID', // 9.99 < 10
  '13900000108': 'SERVICE_CARE:ARREARS_POSTPAID', // 2 unpaid months
  '13900000111': 'RETENTION:CONTRACT_EXPIRY', // contract_end = D + 2 months exactly
  '13900000114': 'RETENTION:CONTRACT_EXPIRY', // D + 1 day
  '13900000115': 'RETENTION:TRAFFIC_DROP_1', // 69.99 < 0.7 × 100
  '13900000116': 'RETENTION:TRAFFIC_DROP_2', // 70 = 0.7 × 100 exactly
  '13900000117': 'RETENTION:TRAFFIC_DROP_2',
  '13900000118': 'RETENTION:ZERO_BILLING',
  '13900000120': 'RETENTION:UNDER_MINIMUM',
  '13900000122': 'RETENTION:OVER_PACKAGE', // 130 = 1.3 × 100 in each month
  '13900000123': 'RETENTION:TRAFFIC_DROP_2', // M1 129.99 < 130: no OVER_PACKAGE, a small drop
  '13900000124': 'SERVICE_CARE:SINGLE_STOP',
  '13900000125': 'SERVICE_CARE:DOUBLE_STOP',
  '13900000126': 'SERVICE_CARE:DOUBLE_STOP', // blocked: no alternate number
  '13900000127': 'RETENTION:CHURN_RISK', // forwarding on
  '13900000128': 'NEW_SUB_CALLBACK:NEW_SUBSCRIBER', // joined D − 30 days
  '13900000130': 'NEW_SUB_CALLBACK:NEW_SUBSCRIBER', // joined on D, target by joining in 2025
  '13900000135': 'SERVICE_CARE:ARREARS_PREPAID', // M1 spend is not all SP
  '13900000137': 'SERVICE_CARE:ARREARS_PREPAID', // average exactly 50
  '13900000138': 'SERVICE_CARE:ARREARS_PREPAID', // broadband
  '13900000139': 'SERVICE_CARE:ARREARS_PREPAID', // group customer
  '13900000140': 'SERVICE_CARE:ARREARS_PREPAID', // rental
  '13900000142': 'NEW_SUB_CALLBACK:NEW_SUBSCRIBER; SERVICE_CARE:ARREARS_PREPAID',
  '13900000143': 'RETENTION:CONTRACT_EXPIRY; SERVICE_CARE:ARREARS_POSTPAID',
  '13900000144': 'RETENTION:CHURN_RISK|CONTRACT_EXPIRY|TRAFFIC_DROP_1; SERVICE_CARE:ARREARS_POSTPAID',
  '13900000145': 'SERVICE_CARE:ARREARS_PREPAID',
  '13900000148': 'NEW_SUB_CALLBACK:NEW_SUBSCRIBER', // only a voicemail so far
}

describe('rules run as of 2025-01-02 (year end)', () => {
  let db: Db
  let run: Awaited<ReturnType<typeof runAndExport>>

  beforeAll(async () => {
    db = testDb()
    await resetState(db)
    await ensureDefaults(db)
    const ids = await loadCustomers(db, CUSTOMERS)
    await loadUsage(db, ids, usageCsv([...ids.keys()]))
    await db.doNotCall.create({ data: { msisdn: e164('13900000145'), scope: 'all', reason: '客户要求', source: 'test' } })
    const agent = await user(db, { username: 'nsagent', role: 'agent' })
    const callback = await db.campaign.findUniqueOrThrow({ where: { code: 'NEW_SUB_CALLBACK' } })
    const dispose = (msisdn: string, outcome: string) => db.disposition.create({
      data: { customerId: ids.get(msisdn)!, agentId: agent.id, campaignId: callback.id, outcome, fields: {}, createdAt: new Date('2024-12-28T03:00:00Z') },
    })
    await dispose('13900000147', '接受优惠')
    await dispose('13900000148', '语音信箱')
    run = await runAndExport(db, '2025-01-02')
  })
  afterAll(async () => db.$disconnect())

  it('gives exactly the hand-computed reason sets', () => {
    expect(run.sets).toEqual(EXPECTED)
  })

  it('reports per-rule counts and the number of entries', () => {
    expect(run.result.asOf).toBe('2025-01-02')
    expect(run.result.entries).toBe(run.rows.length)
    expect(run.result.rules).toMatchObject({
      BIRTHDAY: 2, ARREARS_PREPAID: 8, ARREARS_POSTPAID: 3, CONTRACT_EXPIRY: 4, TRAFFIC_DROP_1: 2, TRAFFIC_DROP_2: 3,
      ZERO_BILLING: 1, UNDER_MINIMUM: 1, OVER_PACKAGE: 1, SINGLE_STOP: 1, DOUBLE_STOP: 2, CHURN_RISK: 2, NEW_SUBSCRIBER: 4,
      PERIODIC_CONTACT: 0, FIRST_CONTACT: 0,
    })
  })

  it('exports blocked entries with the reason they may not be dialed', () => {
    const row = (msisdn: string, campaign: string) => run.rows.find((r) => r.msisdn === e164(msisdn) && r.campaign === campaign)
    expect(row('13900000143', 'RETENTION')).toMatchObject({ status: 'blocked', blocked_by: 'marketing_opt_out' })
    expect(row('13900000143', 'SERVICE_CARE')).toMatchObject({ status: 'queued', blocked_by: '' })
    expect(row('13900000145', 'SERVICE_CARE')).toMatchObject({ status: 'blocked', blocked_by: 'dnc' })
    expect(row('13900000126', 'SERVICE_CARE')).toMatchObject({ status: 'blocked', blocked_by: 'no_alt_phone' })
    expect(row('13900000125', 'SERVICE_CARE')).toMatchObject({ status: 'queued', blocked_by: '' })
  })

  it('dials double-stop customers on their alternate number', async () => {
    const entry = await db.queueEntry.findFirstOrThrow({ where: { customer: { msisdn: e164('13900000125') } } })
    expect(entry.dialNumber).toBe(e164('13700000125'))
  })

  it('records the run', async () => {
    const runRow = await db.ruleRun.findUniqueOrThrow({ where: { id: run.result.runId } })
    expect(runRow).toMatchObject({ status: 'succeeded', entries: run.result.entries })
    expect(runRow.counts).toEqual(run.result.rules)
  })
})
