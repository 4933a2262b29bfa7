import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/client.ts'
import * as fx from '../../fixtures.ts'
import { build, loginAs, resetState, testDb } from '../../helper.ts'

describe('work orders between service manager and account manager', () => {
  let app: FastifyInstance
  let db: Db
  const tokens: Record<string, string> = {}
  let customerId: number

  const call = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${tokens[who]}` }, ...(payload ? { payload } : {}) })

  beforeAll(async () => {
    app = await build()
    db = testDb()
    await resetState(db, app)
    const b = await fx.branch(db, '太原')
    const agent = await fx.user(db, { username: 'wo_agent', role: 'agent', branchId: b.id })
    const am = await fx.user(db, { username: 'wo_am', role: 'account_manager', branchId: b.id })
    await fx.user(db, { username: 'wo_am2', role: 'account_manager', branchId: b.id })
    customerId = (await fx.customer(db, { branchId: b.id, serviceManagerId: agent.id, accountManagerId: am.id })).id
    for (const u of ['wo_agent', 'wo_am', 'wo_am2']) tokens[u] = await loginAs(app, u)
  })

  afterAll(async () => {
    await app.close()
    await db.$disconnect()
  })

  it('goes sent → accepted → returned → checked, each step by the right person, audited', async () => {
    const created = await call('wo_agent', 'POST', '/api/workorders', { customerId, description: '客户要求上门办理宽带' })
    expect(created.statusCode).toBe(200)
    const id = created.json().id
    expect(created.json()).toMatchObject({ status: 'sent', kind: 'general' })

    expect((await call('wo_am2', 'GET', '/api/workorders')).json()).toEqual([])
    expect((await call('wo_am2', 'POST', `/api/workorders/${id}/accept`)).statusCode).toBe(404)
    expect((await call('wo_agent', 'POST', `/api/workorders/${id}/check`)).json()).toMatchObject({ error: 'INVALID_STATE' })

    expect((await call('wo_am', 'GET', '/api/workorders?status=sent')).json()).toMatchObject([{ id }])
    expect((await call('wo_am', 'POST', `/api/workorders/${id}/accept`)).json()).toMatchObject({ status: 'accepted' })
    expect((await call('wo_am', 'POST', `/api/workorders/${id}/return`, { result: '已上门开通' })).json()).toMatchObject({ status: 'returned', result: '已上门开通' })
    expect((await call('wo_agent', 'POST', `/api/workorders/${id}/check`)).json()).toMatchObject({ status: 'checked' })
    const trail = await db.auditLog.findMany({ where: { entity: 'work_order', entityId: String(id) }, orderBy: { id: 'asc' } })
    expect(trail.map((t) => t.action)).toEqual(['workorder.create', 'workorder.accept', 'workorder.return', 'workorder.check'])
  })
})
