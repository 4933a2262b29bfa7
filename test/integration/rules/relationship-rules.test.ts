// PERIODIC_CONTACT and FIRST_CONTACT, as of D = 2025-01-02, for customers allocated to a
// service manager. Gold and diamond are due a month after their last contact, silver two;
// a voicemail or a wrong number is not a contact. FIRST_CONTACT: never reached, or one of
// the five basics (name, ID type, ID number, address, second number) missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureDefaults } from '../../../server/campaigns/defaults.ts'
import type { Db } from '../../../server/db/client.ts'
import { resetState, testDb } from '../../helper.ts'
import { user } from '../../fixtures.ts'
import { loadCustomers } from './csv-fixtures.ts'
import { runAndExport } from './reason-sets.ts'

const BASICS = '张三,身份证,110101199001011234,太原市迎泽区1号,13700000000'
const CUSTOMERS = `
msisdn,tier,network,service_manager,name,id_type,id_number,address,alt_phone
13900000501,gold,BB,mgr1,${BASICS}
13900000502,silver,BB,mgr1,${BASICS}
13900000503,gold,BB,mgr1,${BASICS}
13900000504,gold,BB,mgr1,张三,身份证,110101199001011234,太原市迎泽区1号,
13900000505,standard,BB,mgr1,${BASICS}
13900000506,diamond,BB,mgr1,${BASICS}
13900000507,gold,BB,mgr1,${BASICS}
13900000508,gold,BB,,${BASICS}
13900000509,standard,BB,mgr1,张三,,,太原市迎泽区1号,13700000000
13900000510,gold,BB,mgr1,${BASICS}`

/** Dispositions: msisdn, when (centre time, +08:00), outcome. */
const CONTACTS: [string, string, string][] = [
  ['13900000501', '2024-11-15T10:00:00+08:00', '挽留成功'],
  ['13900000502', '2024-11-15T10:00:00+08:00', '拒绝'],
  ['13900000503', '2024-12-20T10:00:00+08:00', '接受优惠'],
  ['13900000504', '2024-12-20T10:00:00+08:00', '挽留成功'],
  ['13900000506', '2024-12-30T10:00:00+08:00', '语音信箱'],
  ['13900000507', '2024-12-02T23:30:00+08:00', '预约回访'],
  ['13900000509', '2024-12-30T10:00:00+08:00', '挽留成功'],
  // 2024-12-02 in UTC, but the 3rd in the centre's zone: due 2025-01-03
  ['13900000510', '2024-12-03T00:30:00+08:00', '挽留成功'],
  // after D: not yet known as of D
  ['13900000505', '2025-01-03T09:00:00+08:00', '挽留成功'],
]

describe('relationship rules as of 2025-01-02', () => {
  let db: Db
  let run: Awaited<ReturnType<typeof runAndExport>>
  let mgr: { id: number }

  beforeAll(async () => {
    db = testDb()
    await resetState(db)
    await ensureDefaults(db)
    mgr = await user(db, { username: 'mgr1', role: 'agent' })
    const ids = await loadCustomers(db, CUSTOMERS)
    for (const [msisdn, at, outcome] of CONTACTS) {
      await db.disposition.create({ data: { customerId: ids.get(msisdn)!, agentId: mgr.id, outcome, fields: {}, createdAt: new Date(at) } })
    }
    run = await runAndExport(db, '2025-01-02')
  })
  afterAll(async () => db.$disconnect())

  it('fires by tier interval since the last contact, and for missing profiles', () => {
    expect(run.sets).toEqual({
      '13900000501': 'RELATIONSHIP:PERIODIC_CONTACT', // gold, last contact 2024-11-15: due 2024-12-15
      '13900000504': 'RELATIONSHIP:FIRST_CONTACT', // no second number yet
      '13900000505': 'RELATIONSHIP:FIRST_CONTACT', // never reached as of D
      '13900000506': 'RELATIONSHIP:FIRST_CONTACT', // a voicemail is not a contact
      '13900000507': 'RELATIONSHIP:PERIODIC_CONTACT', // last contact 2024-12-02 (centre time): due on D
      '13900000509': 'RELATIONSHIP:FIRST_CONTACT', // ID type and number missing
    })
  })

  it('gives personal-portfolio entries to the owning manager', () => {
    for (const row of run.rows) expect(row.agent).toBe('mgr1')
  })
})
