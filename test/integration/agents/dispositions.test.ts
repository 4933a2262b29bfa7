import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/client.ts'
import * as fx from '../../fixtures.ts'
import { build, loginAs, resetState, testDb } from '../../helper.ts'

describe('dispositions', () => {
  let app: FastifyInstance
  let db: Db
  let token: string
  const ids: Record<string, number> = {}

  const submit = (payload: Record<string, unknown>, as = token) =>
    app.inject({ method: 'POST', url: '/api/dispositions', headers: { authorization: `Bearer ${as}` }, payload })

  async function entryFor(customerId: number) {
    return (await db.queueEntry.create({ data: { customerId, campaignId: ids.campaign!, asOf: new Date('2026-01-05'), reasons: ['CHURN_RISK'], priority: 1, agentId: ids.agent, status: 'in_progress' } })).id
  }

  beforeAll(async () => {
    app = await build()
    db = testDb()
    await resetState(db, app)
    const b = await fx.branch(db, '太原')
    ids.agent = (await fx.user(db, { username: 'dp_a1', role: 'agent', branchId: b.id })).id
    await fx.user(db, { username: 'dp_a2', role: 'agent', branchId: b.id })
    ids.am = (await fx.user(db, { username: 'dp_am', role: 'account_manager', branchId: b.id })).id
    ids.customer = (await fx.customer(db, { branchId: b.id, serviceManagerId: ids.agent, accountManagerId: ids.am })).id
    ids.campaign = (await db.campaign.create({
      data: {
        code: 'RET', name: '挽留', portfolio: 'personal', schedule: [], script: [], abandonMessage: '…',
        dispositionForm: { fields: [
          { name: 'outcome', label: '结果', type: 'select', required: true, options: ['挽留成功', '拒绝', '预约回访', '要求勿扰'] },
          { name: 'callbackAt', label: '回访时间', type: 'datetime', requiredWhen: { field: 'outcome', values: ['预约回访'] } },
          { name: 'competitor', label: '竞争对手', type: 'text', required: true },
        ] },
      },
    })).id
    token = await loginAs(app, 'dp_a1')
  })

  afterAll(async () => {
    await app.close()
    await db.$disconnect()
  })

  it("enforces the campaign form's required fields and options, naming the field", async () => {
    const base = { customerId: ids.customer, campaignId: ids.campaign, fields: { competitor: '移动' } }
    const missing = await submit({ ...base, outcome: '挽留成功', fields: {} })
    expect(missing.statusCode).toBe(400)
    expect(missing.json()).toMatchObject({ error: 'VALIDATION_ERROR', field: 'competitor' })
    expect((await submit({ ...base, outcome: '预约回访' })).json()).toMatchObject({ field: 'callbackAt' })
    expect((await submit({ ...base, outcome: '语音信箱' })).json()).toMatchObject({ field: 'outcome' })
    expect((await submit({ ...base, outcome: '拒绝', fields: { 'bad key': 1 } })).json()).toMatchObject({ error: 'VALIDATION_ERROR' })
    expect(await db.disposition.count()).toBe(0)
  })

  it('records the outcome, closes the entry, corrects the profile (audited) and sends a work order', async () => {
    const entry = await entryFor(ids.customer!)
    const res = await submit({
      customerId: ids.customer, campaignId: ids.campaign, queueEntryId: entry, outcome: '挽留成功', notes: '续约两年',
      fields: { competitor: '移动' }, profile: { idType: '身份证', idNumber: '140101199003071234', address: '' }, workOrder: { description: '上门签约' },
    })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.state).toBe('offline')
    const d = await db.disposition.findUniqueOrThrow({ where: { id: body.dispositionId } })
    expect(d).toMatchObject({ outcome: '挽留成功', notes: '续约两年', fields: { competitor: '移动' }, agentId: ids.agent, queueEntryId: entry })
    expect((await db.queueEntry.findUniqueOrThrow({ where: { id: entry } })).status).toBe('done')
    expect((await db.customer.findUniqueOrThrow({ where: { id: ids.customer! } })).idNumber).toBe('140101199003071234')
    const trail = await db.auditLog.findFirstOrThrow({ where: { action: 'customer.update', entityId: String(ids.customer) } })
    expect(trail.after).toEqual({ idType: '身份证', idNumber: '140***********1234' })
    expect(await db.workOrder.findUniqueOrThrow({ where: { id: body.workOrderId } })).toMatchObject({ assigneeId: ids.am, status: 'sent', description: '上门签约' })
  })

  it('预约回访 schedules the entry for the callback time', async () => {
    const entry = await entryFor((await fx.customer(db, { branchId: (await fx.branch(db, '太原')).id, serviceManagerId: ids.agent })).id)
    const customerId = (await db.queueEntry.findUniqueOrThrow({ where: { id: entry } })).customerId
    const at = new Date(Date.now() + 86_400_000).toISOString()
    const res = await submit({ customerId, campaignId: ids.campaign, queueEntryId: entry, outcome: '预约回访', callbackAt: at, fields: { competitor: '无' } })
    expect(res.statusCode).toBe(200)
    const e = await db.queueEntry.findUniqueOrThrow({ where: { id: entry } })
    expect(e.status).toBe('scheduled')
    expect(e.nextAttemptAt?.toISOString()).toBe(at)
  })

  it('要求勿扰 writes the do-not-call row at once and blocks what is queued for the customer', async () => {
    const c = await fx.customer(db, { branchId: (await fx.branch(db, '太原')).id, serviceManagerId: ids.agent })
    const entry = await entryFor(c.id)
    const res = await submit({ customerId: c.id, campaignId: ids.campaign, queueEntryId: entry, outcome: '要求勿扰', fields: { competitor: '无' } })
    expect(res.statusCode).toBe(200)
    expect(await db.doNotCall.findUniqueOrThrow({ where: { msisdn: c.msisdn } })).toMatchObject({ scope: 'all', source: 'disposition' })
    expect(await db.queueEntry.findUniqueOrThrow({ where: { id: entry } })).toMatchObject({ status: 'blocked', blockedBy: 'dnc' })
  })

  it("refuses another agent's customer and a bad profile value, leaving nothing half-written", async () => {
    const other = await loginAs(app, 'dp_a2')
    expect((await submit({ customerId: ids.customer, outcome: '拒绝', fields: {} }, other)).statusCode).toBe(404)
    const before = await db.disposition.count()
    const bad = await submit({ customerId: ids.customer, campaignId: ids.campaign, outcome: '拒绝', fields: { competitor: '无' }, profile: { altPhone: '12345' } })
    expect(bad.json()).toMatchObject({ error: 'VALIDATION_ERROR', field: 'profile.altPhone' })
    expect(await db.disposition.count()).toBe(before)
  })
})
