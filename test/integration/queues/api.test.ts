// The queue API and /metrics after a rules run: depth by campaign, reason and agent
// (supervisors see their own branch), what would be dialed next, and an agent's own list.
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureDefaults } from '../../../server/campaigns/defaults.ts'
import type { Db } from '../../../server/db/client.ts'
import { runRules } from '../../../server/rules/run.ts'
import { branch, user } from '../../fixtures.ts'
import { build, loginAs, resetState, testDb } from '../../helper.ts'
import { loadCustomers } from '../rules/csv-fixtures.ts'

// Broadband customers (targets), arrears on prepaid balance; two in 大同. Priorities of the
// arrears entries (weight 5 × tier × (1 + urgency 0.5, or 1 at a zero balance)):
// 803 11.25 > 805 10.5 > 801 9.75 > 802 8.625 > 804 7.5. Allocated customers also get
// their first-contact call (weight 6 × tier × 2).
const CUSTOMERS = `
msisdn,city,network,payment,balance,contract_end,service_manager,tier
13900000801,太原,BB,prepaid,5,,mgr1,gold
13900000802,太原,BB,prepaid,1,2025-02-01,mgr1,silver
13900000803,太原,BB,prepaid,8,,mgr2,diamond
13900000804,大同,BB,prepaid,5,,,standard
13900000805,大同,BB,prepaid,0,2025-02-01,,star`

describe('queues API and metrics', () => {
  let app: FastifyInstance
  let db: Db
  const tokens: Record<string, string> = {}

  beforeAll(async () => {
    app = await build()
    db = testDb()
    await resetState(db, app)
    await ensureDefaults(db)
    const ty = await branch(db, '太原')
    await user(db, { username: 'admin1', role: 'admin' })
    await user(db, { username: 'sup1', role: 'supervisor', branchId: ty.id })
    await user(db, { username: 'mgr1', role: 'agent', branchId: ty.id })
    await user(db, { username: 'mgr2', role: 'agent', branchId: ty.id })
    for (const u of ['admin1', 'sup1', 'mgr1']) tokens[u] = await loginAs(app, u)
    await loadCustomers(db, CUSTOMERS)
    await runRules(db, { asOf: '2025-01-10', centreTimeZone: 'Asia/Shanghai' })
  })
  afterAll(async () => {
    await app.close()
    await db.$disconnect()
  })

  const get = (url: string, who: string) => app.inject({ url, headers: { authorization: `Bearer ${tokens[who]}` } })

  it('admins see the depth of every branch; a supervisor only their own', async () => {
    const all = (await get('/api/queues', 'admin1')).json()
    expect(all.byCampaign).toEqual([
      { campaign: 'RELATIONSHIP', status: 'queued', count: 3 },
      { campaign: 'RETENTION', status: 'queued', count: 2 },
      { campaign: 'SERVICE_CARE', status: 'queued', count: 5 },
    ])
    expect(all.byReason).toEqual([
      { campaign: 'RELATIONSHIP', reason: 'FIRST_CONTACT', count: 3 },
      { campaign: 'RETENTION', reason: 'CONTRACT_EXPIRY', count: 2 },
      { campaign: 'SERVICE_CARE', reason: 'ARREARS_PREPAID', count: 5 },
    ])
    expect(all.byAgent).toEqual([{ agent: 'mgr1', count: 5 }, { agent: 'mgr2', count: 2 }])
    const mine = (await get('/api/queues', 'sup1')).json()
    expect(mine.byCampaign).toEqual([
      { campaign: 'RELATIONSHIP', status: 'queued', count: 3 },
      { campaign: 'RETENTION', status: 'queued', count: 1 },
      { campaign: 'SERVICE_CARE', status: 'queued', count: 3 },
    ])
    expect((await get('/api/queues', 'mgr1')).statusCode).toBe(403)
  })

  it('shows what would be dialed next, by priority, within the campaign window only', async () => {
    // SERVICE_CARE dials 08:30–09:30 and 13:00–14:30 (Shanghai); 13:10 there is 05:10Z.
    const next = (await get('/api/queues/SERVICE_CARE/next?at=2025-01-10T05:10:00Z&limit=10', 'sup1')).json()
    const byPriority = ['+8613900000803', '+8613900000805', '+8613900000801', '+8613900000802', '+8613900000804']
    expect(next.items.map((t: { dialNumber: string }) => t.dialNumber)).toEqual(byPriority)
    const own = (await get('/api/queues/SERVICE_CARE/next?at=2025-01-10T05:10:00Z&agent=mgr1', 'sup1')).json()
    expect(own.items.map((t: { dialNumber: string }) => t.dialNumber)).toEqual(['+8613900000801', '+8613900000802'])
    const outside = (await get('/api/queues/SERVICE_CARE/next?at=2025-01-10T03:00:00Z', 'sup1')).json()
    expect(outside.items).toEqual([])
    expect(await db.queueEntry.count({ where: { status: 'in_progress' } })).toBe(0)
    expect((await get('/api/queues/NOPE/next', 'sup1')).statusCode).toBe(404)
  })

  it("an agent's own list carries reasons and priority, best first", async () => {
    const res = (await get('/api/queues/mine', 'mgr1')).json()
    expect(res.total).toBe(5)
    expect(res.items.map((e: { msisdn: string; campaign: string; reasons: string[] }) => [e.msisdn, e.campaign, e.reasons])).toEqual([
      ['+8613900000801', 'RELATIONSHIP', ['FIRST_CONTACT']],
      ['+8613900000802', 'RETENTION', ['CONTRACT_EXPIRY']],
      ['+8613900000802', 'RELATIONSHIP', ['FIRST_CONTACT']],
      ['+8613900000801', 'SERVICE_CARE', ['ARREARS_PREPAID']],
      ['+8613900000802', 'SERVICE_CARE', ['ARREARS_PREPAID']],
    ])
  })

  it('exposes queue depth on /metrics', async () => {
    const text = (await app.inject('/metrics')).body
    expect(text).toContain('dialer_queue_entries{campaign="SERVICE_CARE",status="queued"} 5')
    expect(text).toContain('dialer_queue_waiting_by_reason{campaign="RETENTION",reason="CONTRACT_EXPIRY"} 2')
    expect(text).toContain('dialer_queue_waiting_by_agent{agent="mgr1"} 5')
  })
})
