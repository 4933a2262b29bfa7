import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/client.ts'
import * as fx from '../../fixtures.ts'
import { build, listenOnLoopback, loginAs, resetState, testDb } from '../../helper.ts'
import { connectAs, nextMessage, request, type TestSocket } from '../realtime/client.ts'

describe('wallboard', () => {
  let app: FastifyInstance
  let db: Db
  let url: string
  const ids: Record<string, number> = {}
  const sockets: TestSocket[] = []

  beforeAll(async () => {
    app = await build({ DIALER: 'off' }) // the pacing figures below are published by hand
    db = testDb()
    await resetState(db, app)
    const ty = await fx.branch(db, '太原')
    const dt = await fx.branch(db, '大同')
    const team = await db.team.create({ data: { name: '存量维系组', branchId: ty.id } })
    ids.agent = (await fx.user(db, { username: 'wb_a1', role: 'agent', branchId: ty.id, name: '王芳' })).id
    await db.user.update({ where: { id: ids.agent }, data: { teamId: team.id } })
    await fx.user(db, { username: 'wb_sup', role: 'supervisor', branchId: ty.id })
    const campaign = await db.campaign.create({ data: { code: 'RET', name: '挽留', portfolio: 'personal', schedule: [{ from: '09:30', to: '11:30' }], script: [], dispositionForm: [], abandonMessage: '…', abandonTarget: 0.03, status: 'running' } })
    const other = await db.campaign.create({ data: { code: 'DT', name: '大同专项', portfolio: 'pooled', schedule: [], script: [], dispositionForm: [], abandonMessage: '…', branchId: dt.id } })
    ids.campaign = campaign.id
    ids.other = other.id
    const customers = await Promise.all([0, 1, 2, 3].map(() => fx.customer(db, { branchId: ty.id, serviceManagerId: ids.agent })))
    const far = await fx.customer(db, { branchId: dt.id })
    await db.queueEntry.createMany({ data: [
      { customerId: customers[0]!.id, campaignId: campaign.id, asOf: new Date(), reasons: ['CONTRACT_EXPIRY', 'CHURN_RISK'], priority: 3, agentId: ids.agent, status: 'queued' },
      { customerId: customers[1]!.id, campaignId: campaign.id, asOf: new Date(), reasons: ['CHURN_RISK'], priority: 2, agentId: ids.agent, status: 'scheduled' },
      { customerId: customers[2]!.id, campaignId: campaign.id, asOf: new Date(), reasons: ['CHURN_RISK'], priority: 1, agentId: ids.agent, status: 'done' },
      { customerId: far.id, campaignId: campaign.id, asOf: new Date(), reasons: ['CHURN_RISK'], priority: 1, status: 'queued' },
    ] })
    const call = (i: number, data: Record<string, unknown>) => ({ callSid: `CA${i}`, direction: 'outbound' as const, campaignId: campaign.id, customerId: customers[i % 4]!.id, fromNumber: '+8610000000000', toNumber: '+8613800000000', status: 'completed', endedAt: new Date(), ...data })
    await db.call.createMany({ data: [
      call(1, { answeredBy: 'human', answeredAt: new Date() }),
      call(2, { answeredBy: 'human', answeredAt: new Date(), abandoned: true }),
      call(3, { answeredBy: 'machine_start', answeredAt: new Date() }),
      call(4, { status: 'no-answer' }),
      call(5, { answeredBy: 'human', answeredAt: new Date(Date.now() - 10 * 86_400_000), createdAt: new Date(Date.now() - 10 * 86_400_000) }),
      call(6, { status: 'in-progress', endedAt: null, agentId: ids.agent, answeredBy: 'human', answeredAt: new Date() }),
    ] })
    await app.presence.set(ids.agent, 'on_call')
    url = await listenOnLoopback(app)
  })

  afterAll(async () => {
    for (const s of sockets) s.disconnect()
    await app.close()
    await db.$disconnect()
  })

  it("greets a supervisor with their branch's board and pushes it again every second", async () => {
    const s = await connectAs(url, await loginAs(app, 'wb_sup'))
    sockets.push(s)
    const board = await nextMessage(s, 'wallboard:update')
    expect(board.campaigns.map((c) => c.code)).toEqual(['RET'])
    const c = board.campaigns[0]!
    expect(c.queueDepth).toBe(2)
    expect(c.depthByReason).toEqual({ CONTRACT_EXPIRY: 1, CHURN_RISK: 2 })
    expect(c.callsInFlight).toBe(1)
    expect(c.today).toMatchObject({ placed: 5, answer: { numerator: 3, denominator: 5 }, machine: { numerator: 1 }, abandon: { numerator: 1, denominator: 3 } })
    expect(c.last30Days.placed).toBe(6)
    expect(c.abandonTarget).toBe(0.03)
    expect(board.agents).toMatchObject([{ id: ids.agent, name: '王芳', team: '存量维系组', state: 'on_call' }])
    expect(board.agents[0]!.customer).toMatch(/^客户/)
    expect(board.teams).toMatchObject([{ name: '存量维系组', queueDepth: 2, byState: { on_call: 1, available: 0 } }])
    expect(c.currentRatio).toBeNull() // no pacing figures yet
    const started = Date.now()
    const next = await nextMessage(s, 'wallboard:update', 2500)
    expect(next.at).toBeGreaterThan(board.at)
    expect(Date.now() - started).toBeLessThan(1500)
    // The pacing node publishes its live ratio; a following push carries it.
    app.events.emit('campaign:stats', { campaignId: ids.campaign!, branchId: null, stats: { placed: 9, ringing: 3, staffed: 2, dialRatio: 1.5 }, at: Date.now() })
    await nextMessage(s, 'wallboard:update', 3000, (b) => b.campaigns[0]?.currentRatio === 1.5)
  })

  it('campaign controls change the campaign and are audited; another branch is refused', async () => {
    const s = await connectAs(url, await loginAs(app, 'wb_sup'))
    sockets.push(s)
    const ack = await request(s, 'campaign:control', { campaignId: ids.campaign, status: 'paused', dialMode: 'predictive', abandonTarget: 0.02, schedule: [{ from: '14:30', to: '16:40' }] })
    expect(ack).toEqual({ data: { id: ids.campaign } })
    expect(await db.campaign.findUniqueOrThrow({ where: { id: ids.campaign! } })).toMatchObject({ status: 'paused', dialMode: 'predictive', schedule: [{ from: '14:30', to: '16:40' }] })
    const trail = await db.auditLog.findFirstOrThrow({ where: { action: 'campaign.update', entityId: String(ids.campaign) } })
    expect(trail.before).toMatchObject({ status: 'running', dialMode: 'progressive', abandonTarget: 0.03 })
    expect(trail.actorId).not.toBeNull()
    expect(trail.after).toMatchObject({ status: 'paused', dialMode: 'predictive', abandonTarget: 0.02 })
    expect(await request(s, 'campaign:control', { campaignId: ids.other, status: 'running' })).toMatchObject({ error: 'FORBIDDEN' })
    expect(await request(s, 'campaign:control', { campaignId: ids.campaign, abandonTarget: 0.5 })).toMatchObject({ error: 'VALIDATION_ERROR', field: 'abandonTarget' })
    // The agent has no softphone leg open: there is nothing to listen to.
    expect(await request(s, 'monitor:start', { agentId: ids.agent, mode: 'whisper' })).toMatchObject({ error: 'INVALID_STATE', message: expect.stringContaining('has no softphone leg') })
  })
})
