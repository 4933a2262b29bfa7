// Default campaigns (idempotent), and the campaign API: everyone reads scripts and forms,
// admins edit anything (audited), supervisors only the operational fields.
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureDefaults } from '../../../server/campaigns/defaults.ts'
import type { Db } from '../../../server/db/client.ts'
import { branch, user } from '../../fixtures.ts'
import { build, loginAs, resetState, testDb } from '../../helper.ts'

describe('campaigns', () => {
  let app: FastifyInstance
  let db: Db
  let admin: string
  let supervisor: string
  let agent: string

  beforeAll(async () => {
    app = await build()
    db = testDb()
    await resetState(db, app)
    const b = await branch(db, '太原')
    await user(db, { username: 'admin1', role: 'admin' })
    await user(db, { username: 'sup1', role: 'supervisor', branchId: b.id })
    await user(db, { username: 'agent1', role: 'agent', branchId: b.id })
    ;[admin, supervisor, agent] = (await Promise.all(['admin1', 'sup1', 'agent1'].map((u) => loginAs(app, u)))) as [string, string, string]
    await ensureDefaults(db)
  })
  afterAll(async () => {
    await app.close()
    await db.$disconnect()
  })

  const auth = (token: string) => ({ authorization: `Bearer ${token}` })

  it('ensureDefaults is idempotent and never overwrites an admin edit', async () => {
    await db.campaign.update({ where: { code: 'RETENTION' }, data: { wrapSeconds: 99 } })
    await db.warningRule.update({ where: { code: 'BIRTHDAY' }, data: { weight: 2 } })
    await ensureDefaults(db)
    expect(await db.campaign.count()).toBe(5)
    expect(await db.warningRule.count()).toBe(15)
    expect((await db.campaign.findUniqueOrThrow({ where: { code: 'RETENTION' } })).wrapSeconds).toBe(99)
    expect(Number((await db.warningRule.findUniqueOrThrow({ where: { code: 'BIRTHDAY' } })).weight)).toBe(2)
  })

  it('agents read every campaign with its script (greeting first) and disposition form', async () => {
    const res = await app.inject({ url: '/api/campaigns', headers: auth(agent) })
    expect(res.statusCode).toBe(200)
    const items = res.json().items as { code: string; script: { steps: { id: string; text: string }[] }; dispositionForm: { fields: { name: string; options?: { value: string }[] }[] }; rules: string[]; portfolio: string; dialMode: string; dailyCapPerSeat: number | null; abandonTarget: number }[]
    expect(items.map((c) => c.code)).toEqual(['SERVICE_CARE', 'RETENTION', 'NEW_SUB_CALLBACK', 'RELATIONSHIP', 'SURVEY'])
    for (const c of items) {
      expect(c.script.steps[0]).toMatchObject({ id: 'greeting' })
      expect(c.script.steps[0]!.text).toContain('{客户姓名}')
      expect(c.abandonTarget).toBe(0.03)
      const outcome = c.dispositionForm.fields.find((f) => f.name === 'outcome')!
      expect(outcome.options!.map((o) => o.value)).toEqual(['挽留成功', '接受优惠', '拒绝', '预约回访', '空号/错号', '要求勿扰', '语音信箱'])
      expect(c.dispositionForm.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['callbackAt', 'notes', 'profile.name', 'profile.idType', 'profile.idNumber', 'profile.address', 'profile.altPhone', 'competitor', 'createWorkOrder']))
    }
    const callback = items.find((c) => c.code === 'NEW_SUB_CALLBACK')!
    expect(callback).toMatchObject({ portfolio: 'pooled', dialMode: 'predictive', dailyCapPerSeat: 160, rules: ['NEW_SUBSCRIBER'] })
    expect(items.find((c) => c.code === 'SERVICE_CARE')!.rules).toEqual(['ARREARS_POSTPAID', 'ARREARS_PREPAID', 'BIRTHDAY', 'DOUBLE_STOP', 'SINGLE_STOP'])
  })

  it('an admin edits the script (audited); a broken branch is refused naming the field', async () => {
    const script = { steps: [{ id: 'greeting', text: '{客户姓名}您好！', branches: [{ label: '好', next: 'end' }] }, { id: 'end', text: '再见', branches: [] }] }
    const ok = await app.inject({ method: 'PATCH', url: '/api/campaigns/SURVEY', headers: auth(admin), payload: { script } })
    expect(ok.statusCode).toBe(200)
    expect(ok.json().script).toEqual(script)
    expect(await db.auditLog.count({ where: { action: 'campaign.update' } })).toBe(1)

    const broken = { steps: [{ id: 'greeting', text: 'hi', branches: [{ label: 'x', next: 'missing' }] }] }
    const bad = await app.inject({ method: 'PATCH', url: '/api/campaigns/SURVEY', headers: auth(admin), payload: { script: broken } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ field: 'script.steps.0.branches.0.next' })
    const window = await app.inject({ method: 'PATCH', url: '/api/campaigns/SURVEY', headers: auth(admin), payload: { schedule: [{ from: '16:00', to: '15:00' }] } })
    expect(window.json()).toMatchObject({ field: 'schedule.0.to' })
  })

  it('a supervisor may pause and change the dial mode, not the script', async () => {
    const ok = await app.inject({ method: 'PATCH', url: '/api/campaigns/RETENTION', headers: auth(supervisor), payload: { status: 'running', dialMode: 'preview' } })
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({ status: 'running', dialMode: 'preview' })
    const no = await app.inject({ method: 'PATCH', url: '/api/campaigns/RETENTION', headers: auth(supervisor), payload: { name: 'x' } })
    expect(no.statusCode).toBe(403)
    expect((await app.inject({ method: 'PATCH', url: '/api/campaigns/RETENTION', headers: auth(agent), payload: { status: 'paused' } })).statusCode).toBe(403)
  })
})
