// A small retention centre for the browser tests and the screenshots: one branch with a
// team, an agent and their A/B partner, a supervisor, and a diamond VIP of the agent with a
// year of bills, an open queue entry and some history; a customer to preview-dial.
import type { Db } from '../../server/db/client.ts'
import * as fx from '../fixtures.ts'
import { middayZone } from '../integration/campaigns/fixtures.ts'

export async function seedCentre(db: Db) {
  const branch = await fx.branch(db, '太原')
  const team = await db.team.create({ data: { name: '存量维系组', branchId: branch.id } })
  const agent = await fx.user(db, { username: 'wangfang', role: 'agent', branchId: branch.id, name: '王芳' })
  const partner = await fx.user(db, { username: 'lina', role: 'agent', branchId: branch.id, name: '李娜', partnerId: agent.id })
  await db.user.updateMany({ where: { id: { in: [agent.id, partner.id] } }, data: { teamId: team.id } })
  await db.user.update({ where: { id: agent.id }, data: { partnerId: partner.id } })
  const supervisor = await fx.user(db, { username: 'zhaobz', role: 'supervisor', branchId: branch.id, name: '赵班长' })
  const am = await fx.user(db, { username: 'sunkm', role: 'account_manager', branchId: branch.id, name: '孙经理' })
  const vip = await fx.customer(db, {
    branchId: branch.id, name: '张伟', tier: 'diamond', serviceManagerId: agent.id, accountManagerId: am.id,
    idType: '身份证', idNumber: '140105198807150011', address: '太原市小店区长治路100号', altPhone: '+8613912345678', email: 'zhangwei@example.com',
    planCode: '畅享199', planMinimum: 199, contractEnd: new Date('2027-01-31'), payment: 'postpaid', unpaidMonths: 0, balance: 86.5,
  })
  const bills = [238, 231, 246, 229, 240, 233, 212, 205, 188, 176, 150, 131]
  await db.monthlyUsage.createMany({
    data: bills.map((bill, i) => ({ customerId: vip.id, month: new Date(Date.UTC(2025, i, 1)), bill, callMinutes: 600 - i * 20 })),
  })
  const campaign = await db.campaign.create({
    data: {
      code: 'RETENTION', name: '存量维系挽留', portfolio: 'personal', dialMode: 'progressive', status: 'running', wrapSeconds: 30, abandonMessage: '您好，这里是客户服务中心，稍后将再次联系您。',
      schedule: [{ from: '09:30', to: '11:30' }, { from: '14:30', to: '16:40' }],
      script: { steps: [
        { id: 'open', text: '{客户姓名}您好，我是您的电话经理{经理姓名}。', branches: [{ label: '方便', next: 'offer' }, { label: '不方便', next: 'later' }] },
        { id: 'offer', text: '您的{套餐}合约将于{到期日}到期，续约可享每月30元优惠。' },
        { id: 'later', text: '好的，请问什么时间方便再联系您？' },
      ] },
      dispositionForm: { fields: [] },
    },
  })
  await db.queueEntry.create({ data: { customerId: vip.id, campaignId: campaign.id, asOf: new Date(), reasons: ['TRAFFIC_DROP_1', 'CHURN_RISK'], priority: 8.5, agentId: agent.id, status: 'queued' } })
  await db.disposition.create({ data: { customerId: vip.id, agentId: agent.id, campaignId: campaign.id, outcome: '预约回访', notes: '客户出差，下周联系', fields: {}, createdAt: new Date(Date.now() - 7 * 86_400_000) } })
  await db.workOrder.create({ data: { customerId: vip.id, createdById: agent.id, assigneeId: am.id, kind: 'visit', description: '上门核实宽带需求' } })
  // A preview campaign open all day, and a customer of the agent in a zone where it is midday,
  // so that the agent may dial them from "my queue" whenever the tests run.
  const care = await db.campaign.create({
    data: {
      code: 'CARE', name: '客户关怀', portfolio: 'personal', dialMode: 'preview', status: 'running', wrapSeconds: 30, abandonMessage: '您好，稍后将再次联系您。',
      schedule: [{ from: '00:00', to: '24:00' }], script: [], dispositionForm: { fields: [] },
    },
  })
  const previewed = await fx.customer(db, { branchId: branch.id, name: '刘洋', serviceManagerId: agent.id, timezone: middayZone() })
  const previewEntry = await db.queueEntry.create({ data: { customerId: previewed.id, campaignId: care.id, asOf: new Date(), reasons: ['BIRTHDAY'], priority: 3, agentId: agent.id, status: 'queued' } })
  const refusing = await fx.customer(db, { branchId: branch.id, name: '陈静', serviceManagerId: agent.id, timezone: middayZone() })
  await db.queueEntry.create({ data: { customerId: refusing.id, campaignId: care.id, asOf: new Date(), reasons: ['BIRTHDAY'], priority: 2, agentId: agent.id, status: 'queued' } })
  return { branch, team, agent, partner, supervisor, am, vip, campaign, previewed, previewEntry, refusing }
}
