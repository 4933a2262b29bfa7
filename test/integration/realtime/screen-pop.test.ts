import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/client.ts'
import * as fx from '../../fixtures.ts'
import { build, listenOnLoopback, loginAs, resetState, testDb } from '../../helper.ts'
import { collect, connectAs, nextMessage, type TestSocket } from './client.ts'

describe('realtime: the screen pop on call:offered', () => {
  let app: FastifyInstance
  let db: Db
  let url: string
  const ids: Record<string, number> = {}
  const sockets: TestSocket[] = []

  beforeAll(async () => {
    app = await build()
    db = testDb()
    await resetState(db, app)
    const taiyuan = await fx.branch(db, '太原')
    ids.branch = taiyuan.id
    ids.agent = (await fx.user(db, { username: 'pop_a1', role: 'agent', branchId: taiyuan.id, name: '李娜' })).id
    ids.other = (await fx.user(db, { username: 'pop_a2', role: 'agent', branchId: taiyuan.id })).id
    const am = await fx.user(db, { username: 'pop_am', role: 'account_manager', branchId: taiyuan.id, name: '赵强' })
    const c = await fx.customer(db, {
      branchId: taiyuan.id, name: '张伟', tier: 'diamond', serviceManagerId: ids.agent, accountManagerId: am.id,
      idType: '身份证', idNumber: '140101199003071234', address: '太原市小店区长治路100号', planCode: '畅享199',
      contractEnd: new Date('2026-03-31'), balance: 5.5, payment: 'prepaid',
    })
    ids.customer = c.id
    const months = Array.from({ length: 14 }, (_, i) => {
      const d = new Date()
      d.setUTCMonth(d.getUTCMonth() - 13 + i, 1)
      return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1))
    })
    await db.monthlyUsage.createMany({ data: months.map((month, i) => ({ customerId: c.id, month, bill: 100 + i })) })
    const campaign = await db.campaign.create({
      data: {
        code: 'RETENTION', name: '合约到期挽留', portfolio: 'personal', schedule: [], wrapSeconds: 45, abandonMessage: '…',
        script: { steps: [{ id: 'open', text: '{客户姓名}您好，我是{经理姓名}，您的{套餐}将于{到期日}到期。{未知}', branches: [{ label: '有兴趣', next: 'offer' }] }, { id: 'offer', text: '为您推荐续约优惠。' }] },
        dispositionForm: { fields: [{ name: 'outcome', label: '结果', type: 'select', required: true, options: ['挽留成功', '拒绝'] }] },
      },
    })
    ids.campaign = campaign.id
    ids.entry = (await db.queueEntry.create({ data: { customerId: c.id, campaignId: campaign.id, asOf: new Date('2026-01-05'), reasons: ['CONTRACT_EXPIRY', 'ARREARS_PREPAID'], priority: 9, agentId: ids.agent, status: 'in_progress' } })).id
    await db.disposition.create({ data: { customerId: c.id, agentId: ids.agent, outcome: '预约回访', notes: '下周再联系', fields: {}, campaignId: campaign.id } })
    await db.workOrder.create({ data: { customerId: c.id, createdById: ids.agent, assigneeId: am.id, kind: 'visit', description: '上门办理续约' } })
    url = await listenOnLoopback(app)
  })

  afterAll(async () => {
    for (const s of sockets) s.disconnect()
    await app.close()
    await db.$disconnect()
  })

  it('an outbound offer pops the customer 360, the filled script and the form to that agent only', async () => {
    const mine = await connectAs(url, await loginAs(app, 'pop_a1'))
    const theirs = await connectAs(url, await loginAs(app, 'pop_a2'))
    sockets.push(mine, theirs)
    const leaked = collect(theirs, 'call:offered')
    const popped = nextMessage(mine, 'call:offered')
    app.events.emit('call:offered', { callSid: 'CA-out', agentId: ids.agent!, branchId: ids.branch!, direction: 'outbound', customerId: ids.customer!, campaignId: ids.campaign!, queueEntryId: ids.entry!, at: Date.now() })
    const pop = await popped
    expect(pop.customer).toMatchObject({
      name: '张伟', tier: 'diamond', idNumberMasked: '140***********1234', planCode: '畅享199', contractEnd: '2026-03-31', balance: 5.5, accountManager: '赵强',
    })
    expect(pop.customer!.addressMasked).not.toContain('长治路100号')
    expect(pop.customer!.bills).toHaveLength(12)
    expect(pop.customer!.bills.at(-1)!.bill).toBe(113)
    expect(pop.customer!.reasons).toEqual([{ code: 'CONTRACT_EXPIRY', label: '合约两个月内到期' }, { code: 'ARREARS_PREPAID', label: '预付费余额不足' }])
    expect(pop.customer!.history[0]).toMatchObject({ outcome: '预约回访', notes: '下周再联系', agent: '李娜', campaign: '合约到期挽留' })
    expect(pop.customer!.workOrders).toMatchObject([{ kind: 'visit', status: 'sent' }])
    expect(pop.script[0]).toEqual({ id: 'open', text: '张伟您好，我是李娜，您的畅享199将于2026-03-31到期。{未知}', branches: [{ label: '有兴趣', next: 'offer' }] })
    expect(pop.form[0]).toMatchObject({ name: 'outcome', required: true, options: [{ value: '挽留成功', label: '挽留成功' }, { value: '拒绝', label: '拒绝' }] })
    expect(pop).toMatchObject({ wrapSeconds: 45, campaign: { code: 'RETENTION' }, queueEntryId: ids.entry })
    await new Promise((r) => setTimeout(r, 200))
    expect(leaked.seen).toEqual([])
  })

  it('an inbound VIP offer opens with the greeting; a page reconnecting mid-call gets the pop again', async () => {
    const s = await connectAs(url, await loginAs(app, 'pop_a1'))
    sockets.push(s)
    const popped = nextMessage(s, 'call:offered')
    app.events.emit('call:offered', { callSid: 'CA-in', agentId: ids.agent!, branchId: ids.branch!, direction: 'inbound', customerId: ids.customer!, campaignId: null, queueEntryId: null, at: Date.now() })
    const pop = await popped
    expect(pop.script[0]!.text).toBe('您好！电话经理小李很高兴为您服务')
    expect(pop.script[1]!.text).toContain('张伟您好')
    expect(pop.customer!.reasons.map((r) => r.code)).toEqual(['ARREARS_PREPAID', 'CONTRACT_EXPIRY'])
    expect(pop.form.find((f) => f.name === 'outcome')!.required).toBe(true)

    await app.presence.set(ids.agent!, 'on_call')
    const again = await connectAs(url, await loginAs(app, 'pop_a1'))
    sockets.push(again)
    expect((await nextMessage(again, 'call:offered')).callSid).toBe('CA-in')
  })
})
