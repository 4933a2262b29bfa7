// Crossing a month end changes M1..M3: as of 2025-01-31, M1 = 2024-12; as of 2025-02-01,
// M1 = 2025-01. Bills (Oct, Nov, Dec, Jan) are given per customer; D + 2 months clamps to
// the month's last day (2024-12-31 + 2 months = 2025-02-28).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureDefaults } from '../../../server/campaigns/defaults.ts'
import type { Db } from '../../../server/db/client.ts'
import { resetState, testDb } from '../../helper.ts'
import { loadCustomers, loadUsage } from './csv-fixtures.ts'
import { runAndExport } from './reason-sets.ts'

const CUSTOMERS = `
msisdn,contract_end,payment,balance
13900000401,,postpaid,100
13900000402,2025-03-31,postpaid,100
13900000403,2025-04-01,postpaid,100
13900000404,,prepaid,5
13900000405,,postpaid,100
13900000406,2025-02-28,postpaid,100
13900000407,2025-03-01,postpaid,100`

const MONTHS = ['2024-09', '2024-10', '2024-11', '2024-12', '2025-01']
const BILLS: Record<string, number[]> = {
  '13900000401': [100, 100, 100, 100, 50],
  '13900000402': [100, 100, 100, 100, 100],
  '13900000403': [100, 100, 100, 100, 100],
  '13900000404': [100, 100, 100, 100, 100],
  '13900000405': [100, 100, 100, 0, 100],
  '13900000406': [100, 100, 100, 100, 100],
  '13900000407': [100, 100, 100, 100, 100],
}
const USAGE = ['msisdn,month,bill,sp_fee,call_minutes',
  ...Object.entries(BILLS).flatMap(([m, bills]) => bills.map((b, i) => `${m},${MONTHS[i]},${b},0,60`))].join('\n')

describe('rules across a month end', () => {
  let db: Db

  beforeAll(async () => {
    db = testDb()
    await resetState(db)
    await ensureDefaults(db)
    const ids = await loadCustomers(db, CUSTOMERS)
    await loadUsage(db, ids, USAGE)
  })
  afterAll(async () => db.$disconnect())

  it('as of 2024-12-31: M1 = November; contract window ends 2025-02-28', async () => {
    const { sets } = await runAndExport(db, '2024-12-31')
    expect(sets).toEqual({
      '13900000404': 'SERVICE_CARE:ARREARS_PREPAID',
      '13900000406': 'RETENTION:CONTRACT_EXPIRY',
    })
  })

  it('as of 2025-01-31: M1 = December (405 billed nothing), D + 2 months = 2025-03-31', async () => {
    const { sets } = await runAndExport(db, '2025-01-31')
    expect(sets).toEqual({
      '13900000402': 'RETENTION:CONTRACT_EXPIRY',
      '13900000404': 'SERVICE_CARE:ARREARS_PREPAID',
      '13900000405': 'RETENTION:ZERO_BILLING',
      '13900000406': 'RETENTION:CONTRACT_EXPIRY',
      '13900000407': 'RETENTION:CONTRACT_EXPIRY',
    })
  })

  it('as of 2025-02-01: M1 = January (401 dropped to 50), D + 2 months = 2025-04-01; 405 retired', async () => {
    const { sets, rows } = await runAndExport(db, '2025-02-01')
    expect(sets).toEqual({
      '13900000401': 'RETENTION:TRAFFIC_DROP_1',
      '13900000402': 'RETENTION:CONTRACT_EXPIRY',
      '13900000403': 'RETENTION:CONTRACT_EXPIRY',
      '13900000404': 'SERVICE_CARE:ARREARS_PREPAID',
      '13900000406': 'RETENTION:CONTRACT_EXPIRY',
      '13900000407': 'RETENTION:CONTRACT_EXPIRY',
    })
    expect(rows.find((r) => r.msisdn === '+8613900000405')).toMatchObject({ status: 'retired', reasons: '', campaign: 'RETENTION' })
  })
})
